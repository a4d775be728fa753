using Telegram.Bot;

namespace OpinionBot.Chat;

/// <summary>
/// Long-polls Telegram for updates and hands each to <see cref="UpdateIntake"/>. Never lets one bad update stop the
/// loop: the offset moves past every update fetched, handled or skipped.
/// </summary>
public sealed class UpdatePoller(
    ITelegramBotClient bot,
    RawUpdates updates,
    UpdateIntake intake,
    UpdateRouter router,
    ILogger<UpdatePoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var webhookCleared = false;
        var offset = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!webhookCleared)
                {
                    // getUpdates is refused while a webhook is set; keep pending updates.
                    await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken);
                    webhookCleared = true;
                }

                // The stored offset survives restarts; the one in memory moves on even if storing a skip failed.
                offset = Math.Max(offset, router.NextOffset());
                var batch = await updates.GetAsync(offset, stoppingToken);
                failures = 0;
                foreach (var update in batch)
                {
                    if (await intake.HandleAsync(update, stoppingToken) is { } id && id >= offset)
                    {
                        offset = id + 1;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))));
                logger.LogWarning("Polling Telegram failed ({Error}); retrying in {Seconds}s", ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
