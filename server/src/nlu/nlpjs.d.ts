// @nlpjs ships no type declarations; these cover only the parts Baton calls.
declare module '@nlpjs/lang-en' {
  export class NormalizerEn {
    normalize(text: string): string;
  }
  export class TokenizerEn {
    innerTokenize(text: string): string[];
  }
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export class StopwordsEn {
    dictionary: Record<string, boolean>;
  }
}

declare module '@nlpjs/neural' {
  export type Features = Record<string, number>;
  export class NeuralNetwork {
    constructor(settings?: { log?: boolean; iterations?: number });
    train(corpus: Array<{ input: Features; output: Features }>): unknown;
    run(input: Features): Record<string, number> | undefined;
  }
}
