import { defineConfig } from "prisma/config";

// DATABASE_URL may be unset (the embedded server is found at run time); `prisma generate` needs no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
