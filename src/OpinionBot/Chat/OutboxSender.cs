using OpinionBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace OpinionBot.Chat;

/// <summary>
/// Drains the outbox: oldest first, in order per chat. A chat whose head message failed waits (Telegram's
/// <c>retry_after</c> on 429, exponential back-off on 5xx and network errors) without holding up other chats.
/// </summary>
public sealed class OutboxSender(
    OpinionDatabase db,
    OutboxDelivery delivery,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Delivered messages are kept this long (for /status and diagnosis), then purged with their files.</summary>
    private static readonly TimeSpan KeepDelivered = TimeSpan.FromDays(7);
    private DateTimeOffset _lastPurge;
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        db.OutboxChanged += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await DrainOnceAsync(stoppingToken);
                PurgeHourly();
                await _wake.WaitAsync(wait < IdleWait ? wait : IdleWait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; undelivered messages stay in the outbox for the next start.
        }
        finally
        {
            db.OutboxChanged -= Wake;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Delivers what is due; returns how long until the next message becomes due.</summary>
    internal async Task<TimeSpan> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var pending = db.Read(() => db.Outbox.Find(m => m.DeliveredAt == null).OrderBy(m => m.Id).ToList());
        var nextDue = IdleWait;
        foreach (var chat in pending.GroupBy(m => m.ChatId))
        {
            foreach (var message in chat)
            {
                var now = time.GetUtcNow();
                if (message.NextAttemptAt > now)
                {
                    nextDue = Min(nextDue, message.NextAttemptAt - now);
                    break; // keep this chat's order: nothing behind the head goes first
                }

                if (!await TryDeliverAsync(message, pending, cancellationToken))
                {
                    nextDue = Min(nextDue, message.NextAttemptAt - time.GetUtcNow());
                    break;
                }
            }
        }

        return nextDue < TimeSpan.Zero ? TimeSpan.Zero : nextDue;
    }

    private async Task<bool> TryDeliverAsync(OutboxMessage message, List<OutboxMessage> pending, CancellationToken cancellationToken)
    {
        try
        {
            if (IsSuperseded(message, pending))
            {
                Finish(message, failed: false, note: "superseded by a later edit");
                return true;
            }

            var messageId = await delivery.DeliverAsync(message, cancellationToken);
            db.Write(() =>
            {
                if (message.IncidentId is { } incidentId && messageId is { } sent &&
                    db.Cards.FindById(CardPlacement.KeyOf(incidentId, message.ChatId)) is { } placement)
                {
                    placement.MessageId = sent;
                    db.Cards.Update(placement);
                }

                Finish(message, failed: false, note: null);
            });
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
            Retry(message, retryAfter, ex.Message);
            logger.LogWarning("Telegram rate limit for chat {ChatId}: waiting {Seconds}s", message.ChatId, retryAfter.TotalSeconds);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 400 && ex.ErrorCode < 500)
        {
            if (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                Finish(message, failed: false, note: null);
                return true;
            }

            // A 4xx will not get better by retrying (bot removed from the chat, bad markup): record it and move on.
            logger.LogError("Telegram refused outbox message {Id} for chat {ChatId}: {Error}", message.Id, message.ChatId, ex.Message);
            Finish(message, failed: true, note: ex.Message);
            return true;
        }
        catch (Exception ex) when (ex is RequestException or ApiRequestException or HttpRequestException or TaskCanceledException &&
                                   !cancellationToken.IsCancellationRequested)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(message.Attempts, 6))));
            Retry(message, backoff, ex.Message);
            logger.LogWarning("Telegram unreachable for chat {ChatId} ({Error}); retrying in {Seconds}s", message.ChatId, ex.Message, backoff.TotalSeconds);
        }

        return false;
    }

    /// <summary>A card edit is pointless when a later edit of the same card is already waiting.</summary>
    private static bool IsSuperseded(OutboxMessage message, List<OutboxMessage> pending) =>
        message.Kind == OutboxKind.EditCard &&
        pending.Any(m => m.Id > message.Id && m.Kind == OutboxKind.EditCard && m.ChatId == message.ChatId &&
                         m.IncidentId == message.IncidentId && m.DeliveredAt == null);

    private void Retry(OutboxMessage message, TimeSpan wait, string error)
    {
        message.Attempts++;
        message.LastError = error;
        message.NextAttemptAt = time.GetUtcNow() + wait;
        db.Write(() => db.Outbox.Update(message));
    }

    private void Finish(OutboxMessage message, bool failed, string? note)
    {
        message.Attempts++;
        message.Failed = failed;
        message.LastError = note;
        message.DeliveredAt = time.GetUtcNow();
        db.Write(() =>
        {
            db.Outbox.Update(message);
            foreach (var fileId in message.AllFileIds())
            {
                db.Files.Delete(fileId); // the upload was only a hand-over to Telegram
            }
        });
    }

    /// <summary>Keeps the database from growing without end: old delivered messages and their uploaded files go.</summary>
    internal int PurgeHourly()
    {
        var now = time.GetUtcNow();
        if (now - _lastPurge < TimeSpan.FromHours(1))
        {
            return 0;
        }

        _lastPurge = now;
        var before = now - KeepDelivered;
        return db.Write(() =>
        {
            var old = db.Outbox.Find(m => m.DeliveredAt != null && m.DeliveredAt < before).ToList();
            foreach (var fileId in old.SelectMany(m => m.AllFileIds()))
            {
                db.Files.Delete(fileId);
            }

            return db.Outbox.DeleteMany(m => m.DeliveredAt != null && m.DeliveredAt < before);
        });
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
