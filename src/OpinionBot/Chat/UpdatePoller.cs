using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Chat;

/// <summary>Long-polls Telegram for updates and hands each to the router. Never lets one bad update stop the loop.</summary>
public sealed class UpdatePoller(
    ITelegramBotClient bot,
    UpdateRouter router,
    IOptions<TelegramOptions> options,
    ILogger<UpdatePoller> logger) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var webhookCleared = false;
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

                var offset = router.NextOffset();
                var updates = await bot.GetUpdates(offset, limit: 100, timeout: options.Value.PollTimeoutSeconds,
                    allowedUpdates: Wanted, cancellationToken: stoppingToken);
                failures = 0;
                foreach (var update in updates)
                {
                    await router.HandleAsync(update, stoppingToken);
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
