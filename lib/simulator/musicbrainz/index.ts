export {
  startMusicBrainzSimulator,
  type MbFault,
  type MbFaultKind,
  type MbLogEntry,
  type MusicBrainzSimulatorHandle,
  type StartMusicBrainzSimulatorOptions,
} from "./server";
export {
  generateMusicBrainzCatalogue,
  kindAt,
  mbidFor,
  EXTRA_MB_GENRES,
  type MbArtist,
  type MbGenreVote,
  type MbLinkKind,
  type MbSpotifyEntry,
  type MusicBrainzCatalogue,
} from "./catalogue";
