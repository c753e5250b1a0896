export { storeSpotifyGenres } from "./spotify-genres";
export { getGenreCoverage, type GenreCoverage } from "./coverage";
