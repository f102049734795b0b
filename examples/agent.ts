// An agent entrypoint: methods get (...args, env, ctx), as Cloudflare's Worker Loader calls
// them. `env` holds only what --env grants.
//
//   sandbox run examples/agent.ts --method forecast --arg '{"city":"Oslo"}' --env UNITS=metric
interface Params {
  city: string;
}

interface Env {
  UNITS?: string;
}

const temperatures: Record<string, number> = { Oslo: 4, Lisbon: 17, Nairobi: 24 };

export default {
  async forecast(params: Params, env: Env) {
    const celsius = temperatures[params.city];
    if (celsius === undefined) throw new Error(`No forecast for ${params.city}`);
    const imperial = env.UNITS === "imperial";
    console.log(`looking up ${params.city}`);
    return { city: params.city, temperature: imperial ? celsius * 1.8 + 32 : celsius, units: imperial ? "F" : "C" };
  },

  async cities() {
    return Object.keys(temperatures);
  },
};
