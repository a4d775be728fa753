using Microsoft.Extensions.Options;

namespace OpinionBot.Storage;

/// <summary>Backs the database up every <c>Storage:BackupEvery</c> while the bot runs (off when unset).</summary>
public sealed class BackupSchedule(DatabaseBackup backup, IOptions<BackupOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BackupEvery is not { } every || every <= TimeSpan.Zero)
        {
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
