using LiteDB;

namespace OpinionBot.Storage;

/// <summary>
/// Copies every table and file from one storage engine to another, document by document (the documents stay as they
/// were written, whatever the provider), in one write transaction on the target: all of it lands or none.
/// </summary>
public static class Migration
{
    private const int Page = 500;

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="target"/>. Refuses a target that already holds incidents
    /// unless <paramref name="force"/> (then documents with the same id are replaced).
    /// </summary>
    public static MigrationReport Copy(IStorageEngine source, IStorageEngine target, bool force = false)
    {
        using var reading = source.Begin(write: false);
        using var writing = target.Begin(write: true);
        var existing = writing.Table<BsonDocument>(Tables.Incidents).Count();
        if (existing > 0 && !force)
        {
            throw new MigrationRefusedException(
                $"The target database already holds {existing} incidents: migrate into an empty database, or add --force to copy over them.");
        }

        var counts = new List<(string Table, int Documents)>();
        foreach (var table in Tables.All)
        {
            counts.Add((table.Name, CopyTable(reading.Table<BsonDocument>(table), writing.Table<BsonDocument>(table))));
        }

        // A target this version had already opened is marked upgraded; data copied from an earlier version is not: its
        // marks are the source's, so the next start upgrades what was copied.
        var sourceCounters = reading.Table<Counter>(Tables.Counters);
        var targetCounters = writing.Table<Counter>(Tables.Counters);
        foreach (var marker in Upgrades.Markers.Where(m => sourceCounters.Get(m) is null))
        {
            targetCounters.Delete(marker);
        }

        var files = 0;
        foreach (var file in reading.Files.List())
        {
            var content = reading.Files.Download(file.Id);
            if (content is null)
            {
                continue;
            }

            writing.Files.Upload(file.Id, file.FileName, content, file.Metadata);
            files++;
        }

        writing.Commit();
        return new MigrationReport(counts, files);
    }

    /// <summary>Pages through the source in id order, so a big table never sits in memory whole.</summary>
    private static int CopyTable(IDocumentTable<BsonDocument> from, IDocumentTable<BsonDocument> to)
    {
        var copied = 0;
        BsonValue? last = null;
        while (true)
        {
            var page = from.Range("_id", last, until: null, limit: Page + 1)
                .Where(document => last is null || document["_id"] != last)
                .Take(Page)
                .ToList();
            if (page.Count == 0)
            {
                return copied;
            }

            foreach (var document in page)
            {
                to.Upsert(document);
            }

            copied += page.Count;
            last = page[^1]["_id"];
        }
    }
}

/// <summary>How many documents of each table, and how many files, were copied.</summary>
public sealed record MigrationReport(IReadOnlyList<(string Table, int Documents)> Tables, int Files);

/// <summary>The target is not empty and the user did not say <c>--force</c>.</summary>
public sealed class MigrationRefusedException(string message) : Exception(message);
