/// The `--help` texts.
enum Help {
    static let overview = """
        inflow: sync a workspace's email, meeting, CRM and support data into zstd JSON Lines

        usage: inflow <command> [options]

        commands:
          run        run a quick or full sync of a workspace
          backfill   load one source's items of a date range, newest month first
          replay     rerun parse and enrich of a past job from its stage files
          status     show the running or a given job and the recent jobs
          history    list past jobs per source, newest first
          report     rewrite the report files from the catalog
          cancel     stop a running job at its next item boundary
          validate   say what each source's inputs hold, without running
          email-stats  email statistics for a window of days
          match      show how an address matches the workspace's clients
          inspect    print what the parsers make of any input file
          sentiment  score texts from stdin, one per line

        options every command takes:
          --data-dir DIR        where workspaces keep catalog, runs and tables (data)
          --reports-dir DIR     where report files are written (reports)
          --pipelines-dir DIR   where pipeline definitions are read (pipelines)
          --now T               a fixed clock, a date or ISO 8601 date-time
          --log-format F        text or json logs on stderr (text)

        exit codes: 0 done, 1 the job failed, 2 bad usage or input, 3 workspace busy,
        130 cancelled. Run inflow <command> --help for a command's options.

        """

    static func text(for command: String) throws(UsageError) -> String {
        switch command {
        case "run":
            return """
                usage: inflow run --workspace W [--sync-type quick|full] [--sources a,b] [--wait]
                                  [--detach]

                Runs extract, parse, enrich and load for each source, commits the tables, and
                writes the reports. quick (the default) skips input files unchanged since the
                last successful sync and items already loaded; full processes everything.
                Prints the trigger response with this job's history entries and where the
                outputs are. --wait waits for a running job instead of exiting with code 3.
                --detach queues the job, runs it in the background (after any running job)
                and prints the trigger response at once, with the path of the job's log.

                """
        case "status":
            return """
                usage: inflow status --workspace W [--job-id J]

                Prints the status document: the running job (or job J) with per-source
                progress, and the most recent finished jobs.

                """
        case "history":
            return """
                usage: inflow history --workspace W [--limit N] [--offset N] [--source S] [--status S]

                Prints one entry per job and source, newest first, with pagination.
                --limit is 1 to 100 (20).

                """
        case "report":
            return """
                usage: inflow report --workspace W

                Rewrites status.json and history.json under the reports folder from the catalog.

                """
        case "backfill":
            return """
                usage: inflow backfill --workspace W --source S --from T [--to T] [--data-types a,b]

                Loads the items of source S dated from T (inclusive) to T (exclusive; a bare
                date includes that whole day; now when left out), newest month first,
                committing each month and releasing the workspace after it so that a sync
                waits at most one month. Waits for a running job instead of failing as busy,
                and runs at low CPU and IO priority. --data-types limits the types loaded.

                """
        case "replay":
            return """
                usage: inflow replay --workspace W --job-id J --from parse|enrich [--wait]

                Reruns parse and enrich (--from parse) or enrich alone (--from enrich) over
                job J's stage files and loads the result, without reading the inputs.

                """
        case "validate":
            return """
                usage: inflow validate --workspace W

                Reads each connected source's inputs without running a job and prints what
                they hold: archives, archive entries, messages, calendar events, contact cards,
                ignored files and entries, rejects, and files that could not be read.

                """
        case "cancel":
            return """
                usage: inflow cancel --workspace W --job-id J

                Asks job J to stop at its next item boundary, waits until it has, and prints
                its status. A cancelled job loads nothing. SIGINT and SIGTERM to a running
                inflow do the same.

                """
        case "email-stats":
            return """
                usage: inflow email-stats --workspace W [--window-days N] [--now T]

                Prints the email stats document for the N UTC days (30, 1 to 90) ending with
                the day of --now (today).

                """
        case "match":
            return """
                usage: inflow match --workspace W ADDRESS [--name "Display Name"]

                Matches one participant against the workspace's clients and prints
                {address, registrableDomain, isWorkspace, client, matchedBy, confidence}.

                """
        case "inspect":
            return """
                usage: inflow inspect FILE... [--as email|meeting|contact] [--timezone ZONE]

                Reads any input file or archive (mailbox, message, calendar, vCard, Takeout
                .zip or .tgz) without a workspace and prints one record per line on stdout
                (a CSV or JSON file that matches no known layout as generic rows);
                each rejected item is one line on stderr as {file, entry, offset, reason}.
                --as reads each file as that kind whatever its name; --timezone is the zone
                of calendar times that carry none (UTC). Exits 0 when every file could be
                read at all.

                """
        case "sentiment":
            return """
                usage: inflow sentiment < texts

                Scores each line of stdin (a JSON string, or plain text) with the VADER-style
                scorer and prints {compound, pos, neu, neg, score} per line.

                """
        default:
            throw UsageError("unknown command '\(command)'; see inflow --help")
        }
    }
}
