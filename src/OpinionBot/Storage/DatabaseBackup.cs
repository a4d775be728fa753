using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Options;
using OpinionBot.Monitoring;

namespace OpinionBot.Storage;

/// <summary>
/// Writes a consistent, verified copy of the database to the backup folder as <c>opinionbot-yyyyMMdd-HHmmss-fff.db</c> (UTC) and
/// keeps the newest <see cref="BackupOptions.BackupKeep"/>. A copy that does not open is deleted and reported as failed.
/// </summary>
public sealed class DatabaseBackup(
    OpinionDatabase db,
    IOptions<BackupOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<DatabaseBackup> logger) : IDisposable
{
    public const string Prefix = "opinionbot-";
    public const string Extension = ".db";

    // One backup at a time: /backup and the timer may coincide.
    private readonly SemaphoreSlim _one = new(1, 1);

    public void Dispose() => _one.Dispose();

    public string Folder => Path.GetFullPath(options.Value.BackupFolder);

    /// <summary>False on PostgreSQL: there is no file to copy, pg_dump does that job.</summary>
    public bool Supported => db.Provider == StorageOptions.LiteDb;

    /// <summary>Backs up now; returns the file written and what it holds.</summary>
    public async Task<BackupResult> RunAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            // The copy blocks writers for as long as it takes; keep it off the caller's thread.
            var result = await Task.Run(Run, cancellationToken);
            metrics.Backups.WithLabels("ok").Inc();
            logger.LogInformation("Backed up the database to {File} ({Bytes} bytes, {Documents} documents)", result.File, result.Bytes, result.Documents);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.Backups.WithLabels("failed").Inc();
            logger.LogError(ex, "Database backup to {Folder} failed", Folder);
            throw;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Backups in the folder, newest first.</summary>
    public IReadOnlyList<string> List() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, Prefix + "*" + Extension).Order(StringComparer.Ordinal).Reverse().ToList()
        : [];

    private BackupResult Run()
    {
        Directory.CreateDirectory(Folder);
        // Names sort as times do, so the newest is the last by name; a taken name moves on by a millisecond.
        var at = time.GetUtcNow();
        string target;
        while (File.Exists(target = Path.Combine(Folder, Prefix + at.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + Extension)))
        {
            at = at.AddMilliseconds(1);
        }

        // Written under a temporary name, so a half-written or unverified copy never looks like a backup.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            db.CopyTo(partial);
            var (incidents, documents) = Verify(partial);
            File.Move(partial, target);
            Prune();
            return new BackupResult(target, new FileInfo(target).Length, incidents, documents);
        }
        finally
        {
            File.Delete(partial);
            File.Delete(LogFileOf(partial));
        }
    }

    /// <summary>Opens the copy on its own and reads every document, so a torn copy is caught now rather than at restore.</summary>
    public static (int Incidents, long Documents) Verify(string file)
    {
        using var copy = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct, ReadOnly = true });
        long documents = 0;
        foreach (var name in copy.GetCollectionNames())
        {
            documents += copy.GetCollection(name).FindAll().LongCount();
        }

        return (copy.GetCollection("incidents").Count(), documents);
    }

    private void Prune()
    {
        foreach (var old in List().Skip(Math.Max(1, options.Value.BackupKeep)))
        {
            File.Delete(old);
            logger.LogInformation("Deleted old backup {File}", old);
        }
    }

    private static string LogFileOf(string file) =>
        Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + "-log" + Path.GetExtension(file));
}

public sealed record BackupResult(string File, long Bytes, int Incidents, long Documents);
