namespace OpinionBot.Storage;

/// <summary>Backups of the database (<c>Storage:BackupFolder</c>, <c>Storage:BackupEvery</c>, <c>Storage:BackupKeep</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Storage";

    /// <summary>Where backups go; relative paths are relative to the working directory.</summary>
    public string BackupFolder { get; set; } = "backups";

    /// <summary>How often to back up on its own, e.g. <c>1.00:00:00</c> for daily; empty or zero: only on <c>/backup</c>.</summary>
    public TimeSpan? BackupEvery { get; set; }

    /// <summary>How many backups to keep; older ones are deleted after each new backup.</summary>
    public int BackupKeep { get; set; } = 7;
}
