import cities from "./cities.json";
import { slugify } from "./lib/slug";

interface City {
  name: string;
  country: string;
}

export default {
  /** Finds cities whose name starts with `prefix`. */
  async search(params: { prefix: string }) {
    const matches = (cities as City[]).filter((city) =>
      city.name.toLowerCase().startsWith(params.prefix.toLowerCase()),
    );
    return matches.map((city) => ({ ...city, slug: slugify(`${city.name} ${city.country}`) }));
  },
};
