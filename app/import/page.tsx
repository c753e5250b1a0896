import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { ImportJobList } from "@/components/import/ImportJobList";
import { ImportUploader } from "@/components/import/ImportUploader";
import { listImportJobs } from "@/components/import/import-jobs";
import styles from "@/components/import/import.module.css";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import · Encore" };

/** Import of the Spotify data export: how to get it, the upload, and the user's past imports. */
export default async function ImportPage() {
  const user = await currentPageUser();
  const jobs = await listImportJobs(getDb(), user.id);
  return (
    <div className={styles.sections}>
      <div className="page-heading">
        <h1>Import</h1>
        <p className="muted">Your whole Spotify history, not just the last 50 plays.</p>
      </div>
      <section className="card" aria-labelledby="export-howto-heading">
        <h2 id="export-howto-heading" className="card-title">
          Get your data export from Spotify
        </h2>
        <ol className={styles.steps}>
          <li>
            On spotify.com, open <strong>Account</strong> → <strong>Privacy</strong> (“Privacy settings”, then “Download your data”).
          </li>
          <li>
            Tick <strong>Extended streaming history</strong> (every play since you joined) and press <strong>Request data</strong>; confirm from the email
            Spotify sends.
          </li>
          <li>Spotify emails a download link within about 30 days. Download my_spotify_data.zip and upload it below as it is, without unzipping.</li>
        </ol>
        <p className="small muted">
          The quicker “Account data” export holds only the last year; it works too, and the extended history imported later takes the place of the
          same plays. Nothing leaves this server: the files are read here and the import needs no network. After the upload you see what the import
          will do; the uploaded copies wait at most 30 minutes for your answer and are deleted once imported or cancelled. Importing the same export
          twice adds nothing.
        </p>
      </section>
      <ImportUploader />
      <ImportJobList initialJobs={jobs} timeZone={user.timeZone} />
    </div>
  );
}
