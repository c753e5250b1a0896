export { storeSpotifyGenres } from "./spotify-genres";
export { getCachedGenreCoverage, getGenreCoverage, type GenreCoverage } from "./coverage";
