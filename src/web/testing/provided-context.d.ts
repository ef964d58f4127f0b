// What vitest.web-setup.ts provides to the web tests.
declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}
export {};
