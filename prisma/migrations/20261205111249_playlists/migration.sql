-- CreateTable
CREATE TABLE "playlists" (
    "user_id" TEXT NOT NULL,
    "playlist_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "owner_name" TEXT,
    "image_url" TEXT,
    "collaborative" BOOLEAN NOT NULL DEFAULT false,
    "public" BOOLEAN,
    "listed_snapshot_id" TEXT NOT NULL,
    "listed_total" INTEGER NOT NULL,
    "list_position" INTEGER,
    "listed_at" TIMESTAMPTZ(3) NOT NULL,
    "unreadable" TEXT,
    "refused_at" TIMESTAMPTZ(3),

    CONSTRAINT "playlists_pkey" PRIMARY KEY ("user_id","playlist_id")
);

-- CreateTable
CREATE TABLE "playlist_versions" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "playlist_id" TEXT NOT NULL,
    "snapshot_id" TEXT NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "entry_count" INTEGER NOT NULL,

    CONSTRAINT "playlist_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "playlist_entries" (
    "version_id" BIGINT NOT NULL,
    "position" INTEGER NOT NULL,
    "track_id" TEXT,
    "kind" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3),
    "name" TEXT,
    "artists" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "playlist_entries_pkey" PRIMARY KEY ("version_id","position")
);

-- CreateTable
CREATE TABLE "playlist_collections" (
    "user_id" TEXT NOT NULL,
    "collected_at" TIMESTAMPTZ(3),
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,

    CONSTRAINT "playlist_collections_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "playlists_user_id_list_position_idx" ON "playlists"("user_id", "list_position");

-- CreateIndex
CREATE INDEX "playlist_versions_user_id_playlist_id_collected_at_idx" ON "playlist_versions"("user_id", "playlist_id", "collected_at");

-- AddForeignKey
ALTER TABLE "playlists" ADD CONSTRAINT "playlists_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "playlist_versions" ADD CONSTRAINT "playlist_versions_user_id_playlist_id_fkey" FOREIGN KEY ("user_id", "playlist_id") REFERENCES "playlists"("user_id", "playlist_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "playlist_entries" ADD CONSTRAINT "playlist_entries_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "playlist_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "playlist_collections" ADD CONSTRAINT "playlist_collections_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
