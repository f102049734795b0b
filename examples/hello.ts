// The smallest module in the Worker Loader convention: the default export's only method is
// called, and its result is printed as JSON.
//
//   sandbox run examples/hello.ts
interface Greeting {
  message: string;
  at: string;
}

export default {
  async hello(): Promise<Greeting> {
    return { message: "Hello from a fresh V8 isolate!", at: new Date(0).toISOString() };
  },
};
