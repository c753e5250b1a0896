export { upsertCatalog, type CatalogDb } from "./upsert-catalog";
export {
  PROVISIONAL_PREFIX,
  isProvisionalId,
  normalizeName,
  provisionalAlbumId,
  provisionalArtistId,
  provisionalTrackId,
  trackIdFromUri,
} from "./provisional-ids";
