using Microsoft.Extensions.Options;

namespace OpinionBot.Storage;

/// <summary>Backs the database up every <c>Storage:BackupEvery</c> while the bot runs (off when unset).</summary>
public sealed class BackupSchedule(DatabaseBackup backup, IOptions<BackupOptions> options, TimeProvider time, ILogger<BackupSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BackupEvery is not { } every || every <= TimeSpan.Zero)
        {
            return;
        }

        if (!backup.Supported)
        {
            logger.LogWarning("Storage:BackupEvery is set, but the data lives in PostgreSQL: the bot writes no backup files; back the database up with pg_dump");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stoppingToken);
                await backup.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteDB.LiteException or InvalidOperationException)
            {
                // Logged and counted by DatabaseBackup; the next period tries again.
            }
        }
    }
}
