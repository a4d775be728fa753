using OpinionBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace OpinionBot.Chat;

/// <summary>
/// Drains the outbox, paced under Telegram's limits (<see cref="ChatPacer"/>) and in <see cref="DeliveryOrder"/> per
/// chat: new 重大 cards first, card edits last. A chat flooded with new incidents gets held ordinary cards as one digest
/// (<see cref="ChatStorms"/>, <see cref="Digests"/>). A chat whose message failed waits (Telegram's <c>retry_after</c>
/// on 429, exponential back-off on 5xx and network errors) without holding up other chats. A chat that refused the bot
/// (403) gets nothing until it is back: its messages are rerouted (<see cref="LostChats"/>); a group that became a
/// supergroup is followed (<see cref="ChatMigration"/>). Between wake-ups it holds each waiting message without its
/// content (<see cref="WaitingMessages"/>) and reads the message itself from storage when it is about to send it.
/// </summary>
public sealed class OutboxSender(
    OpinionDatabase db,
    OutboxDelivery delivery,
    DeliveryAttempt attempt,
    LostChats lostChats,
    ChatMigration migration,
    ChatPacer pacer,
    ChatStorms storms,
    Digests digests,
    ReminderDigests reminderDigests,
    FileMaking files,
    Outbox outbox,
    ChatLanguages languages,
    RefusedMessages refusals,
    DeliveryLagWatch lag,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FileRetry = TimeSpan.FromSeconds(5);

    /// <summary>Delivered messages are kept this long (for /status and diagnosis), then purged with their files.</summary>
    private static readonly TimeSpan KeepDelivered = TimeSpan.FromDays(7);
    private DateTimeOffset _lastPurge;
    private readonly WaitingMessages _queue = new();

    // A new 重大 card read in the middle of a drain (after a send or a fold): the drain ends and the next one sends new
    // 重大 cards to every chat first, as it does for those read at its start.
    private bool _majorArrived;

    // The outbox version when the waiting messages were last read.
    private long _readAt;

    // The sender's own writes must not wake it again: only other commits bring new messages.
    private readonly AsyncLocal<bool> _inSender = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _inSender.Value = true;
        db.OutboxChanged += Wake;
        files.Made += WakeForFile;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A fresh signal before draining: a commit during the drain wakes the next wait at once.
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _wake, signal);
                var wait = await DrainOnceAsync(stoppingToken);
                PurgeHourly();
                try
                {
                    await signal.Task.WaitAsync(wait < IdleWait ? wait : IdleWait, time, stoppingToken);
                }
                catch (TimeoutException)
                {
                    // Time for the next due message.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; undelivered messages stay in the outbox for the next start.
        }
        finally
        {
            db.OutboxChanged -= Wake;
            files.Made -= WakeForFile;
        }
    }

    /// <summary>
    /// Delivers what is due and the pace allows; returns how long until the next message may go. New 重大 cards go
    /// first in every chat before anything else is sent; one committed while this drain sends other messages ends it
    /// after the message in hand, so the next drain sends it first instead of after the rest of a busy chat's backlog.
    /// </summary>
    internal async Task<TimeSpan> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var wait = await DrainAsync(cancellationToken);
        lag.Look(_queue.Lags()); // a chat falling behind is told to the supervisors, not left in the log
        return wait;
    }

    private async Task<TimeSpan> DrainAsync(CancellationToken cancellationToken)
    {
        _readAt = db.OutboxVersion;
        var first = IdleWait;
        var major = Arrived(_queue.Refresh(db)) || _majorArrived;
        _majorArrived = false;
        if (major)
        {
            first = await DrainChatsAsync(majorsOnly: true, cancellationToken);
            if (first == TimeSpan.Zero)
            {
                return first;
            }
        }

        return Min(first, await DrainChatsAsync(majorsOnly: false, cancellationToken));
    }

    /// <summary>Counts the messages just read into the storms; true when a new 重大 card is among them.</summary>
    private bool Arrived(IReadOnlyList<OutboxEntry> fresh)
    {
        var major = false;
        foreach (var message in fresh)
        {
            storms.Arrived(message);
            major |= message.Opening == OpeningCard.Major;
        }

        return major;
    }

    private async Task<TimeSpan> DrainChatsAsync(bool majorsOnly, CancellationToken cancellationToken)
    {
        var nextDue = IdleWait;
        var lost = lostChats.Snapshot();
        foreach (var chatId in _queue.Chats)
        {
            if (lost.Contains(chatId))
            {
                // Nothing is sent to a chat that refused the bot until it is back; its messages go elsewhere, marked.
                foreach (var entry in _queue.Of(chatId).ToList())
                {
                    if (Stored(entry) is { } message)
                    {
                        lostChats.Reroute(message);
                    }
                }

                _queue.Reset(); // rerouted messages now wait in other chats: read them afresh
                return TimeSpan.Zero;
            }

            while (_queue.Of(chatId) is { Count: > 0 } waiting)
            {
                var now = time.GetUtcNow();
                var blocked = _queue.BlockedUntil(chatId);
                if (blocked > now)
                {
                    nextDue = Min(nextDue, blocked - now); // a failed message holds its chat: Telegram asked us to wait
                    break;
                }

                var storm = storms.InStorm(chatId, now, _queue.NewCards(chatId));
                if (storm && !majorsOnly)
                {
                    switch (DigestDue(chatId, waiting, now, ref nextDue))
                    {
                        case Digest.Folded when _majorArrived:
                            return TimeSpan.Zero; // a new 重大 card came in while folding: the next drain sends it first
                        case Digest.Folded:
                            continue;
                        case Digest.OfOne:
                            storm = false; // a digest of one is just a card
                            break;
                    }
                }

                var holdReminders = false;
                if (!majorsOnly && reminderDigests.TooMany(_queue.Reminders(chatId)))
                {
                    if (RemindersFolded(chatId, now, ref nextDue))
                    {
                        if (_majorArrived)
                        {
                            return TimeSpan.Zero;
                        }

                        continue;
                    }

                    holdReminders = true; // gathering for the summary: they do not go one by one meanwhile
                }

                var next = _queue.Next(chatId, new HeldBack(AllButMajorCards: majorsOnly, OrdinaryCards: storm, Reminders: holdReminders));
                if (next is null)
                {
                    break;
                }

                // The message itself, as stored: its text, buttons and files were never held.
                if (Stored(next) is not { } message)
                {
                    _queue.Remove(next); // settled meanwhile (not by the sender): nothing to send
                    continue;
                }

                if (_queue.IsSuperseded(next))
                {
                    Finish(message, failed: false, note: "superseded by a later edit");
                    _queue.Remove(next);
                    continue;
                }

                if (message.OrdersFiles && files.Of(message) is { } file && !file.IsCompletedSuccessfully)
                {
                    if (!file.IsCompleted)
                    {
                        break; // made off this loop: the chat waits for its file, the sender is woken when it is ready
                    }

                    if (!FileNotMade(message, file.Exception?.GetBaseException()))
                    {
                        _queue.RetryAt(next, message.NextAttemptAt);
                        nextDue = Min(nextDue, message.NextAttemptAt - now);
                        break;
                    }

                    _queue.Remove(next);
                    continue;
                }

                var slot = pacer.NextSlot(chatId, message.Opening == OpeningCard.Major, now);
                if (slot > now)
                {
                    nextDue = Min(nextDue, slot - now);
                    break;
                }

                var delivered = await TryDeliverAsync(message, cancellationToken);
                pacer.Record(chatId, time.GetUtcNow());
                if (!delivered)
                {
                    _queue.RetryAt(next, message.NextAttemptAt); // a retry: the chat waits until then
                    nextDue = Min(nextDue, message.NextAttemptAt - time.GetUtcNow());
                    break;
                }

                _queue.Remove(next);
                if (db.OutboxVersion is var version && version != _readAt)
                {
                    _readAt = version;
                    if (Arrived(_queue.Refresh(db)))
                    {
                        _majorArrived = true;
                        return TimeSpan.Zero; // a new 重大 card: drain again, it goes first in every chat
                    }
                }
            }
        }

        return nextDue < TimeSpan.Zero ? TimeSpan.Zero : nextDue;
    }

    /// <summary>Folds a storm's held cards into a digest once it is due (the digest is then queued).</summary>
    private Digest DigestDue(long chatId, IReadOnlyList<OutboxEntry> waiting, DateTimeOffset now, ref TimeSpan nextDue)
    {
        var held = _queue.OrdinaryCards(chatId).Take(Digests.MaxFolded).ToList();
        if (held.Count == 0)
        {
            return Digest.NotDue;
        }

        var due = storms.DigestDue(chatId, held.Min(m => m.CreatedAt));
        if (due > now)
        {
            nextDue = Min(nextDue, due - now);
            return Digest.NotDue;
        }

        if (held.Count == 1)
        {
            return Digest.OfOne;
        }

        _queue.Remove(digests.Fold(chatId, held, waiting));

        if (held.Count < Digests.MaxFolded)
        {
            storms.Digested(chatId, now); // a full digest leaves a backlog already gathered: the next may go at once
        }

        logger.LogInformation("{Count} new or escalated incidents for chat {ChatId} went into one digest card", held.Count, chatId);
        _majorArrived = Arrived(_queue.Refresh(db));

        return Digest.Folded;
    }

    /// <summary>Folds a chat's waiting reminders into one summary once it is due; true when folded.</summary>
    private bool RemindersFolded(long chatId, DateTimeOffset now, ref TimeSpan nextDue)
    {
        var reminders = _queue.RemindersOf(chatId).Take(ReminderDigests.MaxFolded).ToList();
        var due = reminderDigests.FoldDue(chatId, reminders.Min(m => m.CreatedAt));
        if (due > now)
        {
            nextDue = Min(nextDue, due - now);
            return false;
        }

        _queue.Remove(reminderDigests.Fold(chatId, reminders));

        logger.LogInformation("{Count} reminders for chat {ChatId} went into one summary", reminders.Count, chatId);
        _majorArrived = Arrived(_queue.Refresh(db));

        return true;
    }

    private enum Digest
    {
        NotDue,
        OfOne,
        Folded,
    }

    private async Task<bool> TryDeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Marked first: if the worker dies after Telegram accepted the message but before it is recorded as
            // delivered, the next start knows it may be a repeat (see DeliveryAttempt).
            attempt.Begin(message);
            var made = message.OrdersFiles ? await files.Of(message) : null;
            var messageId = await delivery.DeliverAsync(message, made, cancellationToken);

            // Not waiting for the disk here: lost in a crash, the mark only makes the message go again headed 重发 (its
            // "sending" mark above was on disk before the call); the next message's mark flushes this one too.
            db.WriteWithoutWaitingForDisk(s =>
            {
                if (message.IncidentId is { } incidentId && messageId is { } sent &&
                    s.Cards.Find(incidentId, message.ChatId) is { } placement)
                {
                    placement.MessageId = sent;
                    s.Cards.Save(placement);
                }

                Finish(message, failed: false, note: null);
            });
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
            Retry(message, retryAfter, ex.Message, refused: true);
            logger.LogWarning("Telegram rate limit for chat {ChatId}: waiting {Seconds}s", message.ChatId, retryAfter.TotalSeconds);
        }
        catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is { } newChat)
        {
            // The group became a supergroup: everything for it, this message first, moves to the new id.
            migration.Follow(message.ChatId, newChat);
            _queue.Reset();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403 || ChatGone(ex))
        {
            lostChats.Lose(message, ex.Message);
            _queue.Reset();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode >= 400 && ex.ErrorCode < 500)
        {
            if (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                Finish(message, failed: false, note: null);
                return true;
            }

            // A 4xx will not get better by retrying (bad markup, a file too big): record it, tell the supervisors, move on.
            logger.LogError("Telegram refused outbox message {Id} for chat {ChatId}: {Error}", message.Id, message.ChatId, ex.Message);
            db.Write(_ =>
            {
                Finish(message, failed: true, note: ex.Message);
                refusals.Refused(message, ex.Message);
            });
            return true;
        }
        catch (Exception ex) when (ex is RequestException or ApiRequestException or HttpRequestException or TaskCanceledException &&
                                   !cancellationToken.IsCancellationRequested)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(message.Attempts, 6))));
            // A timeout may come after Telegram accepted the message: it stays marked as possibly shown.
            Retry(message, backoff, ex.Message, refused: !DeliveryAttempt.MayHaveArrived(ex));
            logger.LogWarning("Telegram unreachable for chat {ChatId} ({Error}); retrying in {Seconds}s", message.ChatId, ex.Message, backoff.TotalSeconds);
        }

        return false;
    }

    /// <summary>
    /// Telegram's 400s that mean the chat itself is not there for the bot (a wrong id in the settings, a deleted group):
    /// handled like a chat that removed the bot, so its messages are rerouted and the supervisors told.
    /// </summary>
    private static bool ChatGone(ApiRequestException ex) =>
        ex.ErrorCode == 400 && (ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase) ||
                                ex.Message.Contains("group chat was deactivated", StringComparison.OrdinalIgnoreCase) ||
                                ex.Message.Contains("PEER_ID_INVALID", StringComparison.OrdinalIgnoreCase));

    /// <summary>The waiting message as stored now; null when it is gone or was settled meanwhile.</summary>
    private OutboxMessage? Stored(OutboxEntry entry) =>
        db.Read(s => s.Outbox.Get(entry.Id)) is { DeliveredAt: null } message ? message : null;

    private void Retry(OutboxMessage message, TimeSpan wait, string error, bool refused)
    {
        message.Attempts++;
        if (refused)
        {
            message.SendingAt = null; // Telegram answered with an error: it did not show the message
        }

        message.LastError = error;
        message.NextAttemptAt = time.GetUtcNow() + wait;
        db.Write(s => s.Outbox.Save(message));
    }

    /// <summary>
    /// A file that could not be made is tried once more a little later (a passing storage error), then given up: the chat
    /// that asked for it is told, so nobody waits for a file that will not come. True when given up.
    /// </summary>
    private bool FileNotMade(OutboxMessage message, Exception? error)
    {
        files.Forget(message.Id);
        var reason = error?.Message ?? "cancelled";
        if (message.Attempts < 1)
        {
            logger.LogWarning(error, "Could not make {FileName} for outbox message {Id} (chat {ChatId}); trying once more", message.FileName, message.Id, message.ChatId);
            Retry(message, FileRetry, reason, refused: true);
            return false;
        }

        logger.LogError(error, "Could not make {FileName} for outbox message {Id} (chat {ChatId}); given up and the chat told", message.FileName, message.Id, message.ChatId);
        db.Write(_ =>
        {
            Finish(message, failed: true, note: "file not made: " + reason);
            refusals.NotMade(message, reason);
            outbox.Send(message.ChatId, CardRenderer.Html(languages.For(message.ChatId).FileNotMade(message.FileName ?? "")), replyTo: message.ReplyToMessageId);
        });
        return true;
    }

    private void Finish(OutboxMessage message, bool failed, string? note)
    {
        files.Forget(message.Id);
        message.Attempts++;
        message.Failed = failed;
        message.LastError = note;
        message.DeliveredAt = time.GetUtcNow();
        db.Write(s =>
        {
            s.Outbox.Save(message);
            foreach (var fileId in message.AllFileIds())
            {
                s.Files.Delete(fileId); // the upload was only a hand-over to Telegram
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
        files.KeepOnly(_queue.Chats.SelectMany(_queue.Of).Select(m => m.Id).ToHashSet());
        var before = now - KeepDelivered;
        return db.Write(s =>
        {
            var old = s.Outbox.ForgetDeliveredBefore(before);
            foreach (var fileId in old.SelectMany(m => m.AllFileIds()))
            {
                s.Files.Delete(fileId);
            }

            return old.Count;
        });
    }

    private void WakeForFile() => Volatile.Read(ref _wake).TrySetResult();

    private void Wake()
    {
        if (!_inSender.Value)
        {
            Volatile.Read(ref _wake).TrySetResult();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
