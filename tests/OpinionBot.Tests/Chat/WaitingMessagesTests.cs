using Microsoft.Extensions.Time.Testing;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Chat;

public sealed class WaitingMessagesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-waiting").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Refresh_AfterAReset_HoldsEveryWaitingMessageAgain_ButReportsOnlyTheOnesNeverSeen()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "w.db"));
        var outbox = new Outbox(db, TimeProvider.System);
        db.Write(_ =>
        {
            outbox.Send(-1, "a");
            outbox.Send(-2, "b");
        });
        var waiting = new WaitingMessages();
        Assert.Equal(2, waiting.Refresh(db).Count);

        // A reroute moved a message to another chat: the queue reads everything again, but nothing new arrived, so a
        // storm must not count these twice.
        waiting.Reset();
        db.Write(_ => outbox.Send(-1, "c"));
        var reported = waiting.Refresh(db);

        Assert.Equal("c", db.Read(s => s.Outbox.Get(Assert.Single(reported).Id))!.Text);
        Assert.Equal(3, waiting.Count);
    }

    [Fact]
    public void Refresh_HoldsEachWaitingMessageWithoutItsContent_AsStored()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "w.db"));
        var outbox = new Outbox(db, TimeProvider.System);
        var text = new string('说', 2000);
        List<List<ButtonSpec>> buttons = [[new ButtonSpec("认领", "c:1"), new ButtonSpec("转办", "t:1")]];
        db.Write(_ =>
        {
            outbox.Send(-1, text, buttons, incidentId: 7, opening: OpeningCard.Major);
            outbox.EditCard(7, -1, text, buttons);
            outbox.Notify(-1, text, incidentId: 7);
        });
        var waiting = new WaitingMessages();
        waiting.Refresh(db);
        db.Write(_ => outbox.Send(-1, text)); // read by the next look, on the primary index
        waiting.Refresh(db);

        // What the sender holds is the message's place in the queue (what DeliveryOrder, the storms, digests and
        // retries read), never its text, buttons or files: a backlog of 50,000 reminders costs a few MB, not 75.
        // Only value fields, and the reminder mark (itself value fields only, set on reminders alone).
        Assert.DoesNotContain(typeof(OutboxEntry).GetProperties(), p => !p.PropertyType.IsValueType && p.PropertyType != typeof(ReminderNote));
        Assert.DoesNotContain(typeof(ReminderNote).GetProperties(), p => !p.PropertyType.IsValueType);
        var stored = db.Read(s => s.Outbox.Waiting());
        Assert.Equal(stored.Select(OutboxEntry.Of).Select(Describe), waiting.Of(-1).Select(Describe));
        Assert.Equal([OpeningCard.Major, null, null, null], waiting.Of(-1).Select(m => m.Opening));
        Assert.Equal([OutboxKind.Send, OutboxKind.EditCard, OutboxKind.Send, OutboxKind.Send], waiting.Of(-1).Select(m => m.Kind));
        Assert.Equal([null, null, 7L, null], waiting.Of(-1).Select(m => m.ReplyToCardOf));
    }

    [Fact]
    public void Figures_FollowEveryMessageThatComesAndGoes_AndEveryRetryTime()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "w.db"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var outbox = new Outbox(db, time);
        var waiting = new WaitingMessages();
        Assert.Equal((DateTimeOffset.MinValue, 0, 0), Figures(waiting, -1));

        // Added: a new card, a reminder, a plain message; another chat's messages count for that chat alone.
        db.Write(_ =>
        {
            outbox.Send(-1, "card", incidentId: 1, opening: OpeningCard.Ordinary);
            outbox.Notify(-1, "reminder", 1, Reminder(1));
            outbox.Send(-2, "other chat's card", incidentId: 2, opening: OpeningCard.Major);
        });
        time.Advance(TimeSpan.FromSeconds(1));
        db.Write(_ => outbox.Send(-1, "plain"));
        waiting.Refresh(db);
        var start = time.GetUtcNow();
        AssertFigures(waiting, -1, (start, 1, 1));
        AssertFigures(waiting, -2, (start.AddSeconds(-1), 1, 0));

        // Read again after other writes: only what was added since, counted once.
        time.Advance(TimeSpan.FromSeconds(1));
        db.Write(_ =>
        {
            outbox.Send(-1, "card", incidentId: 3, opening: OpeningCard.Negative);
            outbox.Notify(-1, "reminder", 3, Reminder(3));
            outbox.Notify(-1, "reminder", 1, Reminder(1));
        });
        waiting.Refresh(db);
        waiting.Refresh(db);
        AssertFigures(waiting, -1, (start.AddSeconds(1), 2, 3));

        // A failed message holds its chat until its retry time, later than any other; sent at last, it no longer does.
        var failed = waiting.Of(-1)[0];
        waiting.RetryAt(failed, start.AddMinutes(1));
        AssertFigures(waiting, -1, (start.AddMinutes(1), 2, 3));
        waiting.RetryAt(failed, start.AddSeconds(30));
        AssertFigures(waiting, -1, (start.AddSeconds(30), 2, 3));
        waiting.Remove(failed);
        AssertFigures(waiting, -1, (start.AddSeconds(1), 1, 3));

        // Removed one by one (the latest last), and many at once (a reminder summary).
        waiting.Remove(waiting.Of(-1)[^1]);
        AssertFigures(waiting, -1, (start.AddSeconds(1), 1, 2));
        waiting.Remove([.. waiting.Of(-1).Where(m => m.Reminder is not null)]);
        AssertFigures(waiting, -1, (start.AddSeconds(1), 1, 0));
        Assert.Equal(2, waiting.Of(-1).Count);

        // A retry time of a message that is no longer held (the queue was reset meanwhile) counts for nothing.
        var held = waiting.Of(-1)[^1];
        waiting.Reset();
        waiting.RetryAt(held, start.AddHours(1));
        Assert.Equal(start.AddHours(1), held.NextAttemptAt);
        Assert.Equal((DateTimeOffset.MinValue, 0, 0), Figures(waiting, -1));

        // Read afresh after a reset: counted from what is stored (nothing was settled here, so all six wait again), the
        // retry times as saved (never, here).
        waiting.Refresh(db);
        Assert.Equal(6, waiting.Of(-1).Count);
        AssertFigures(waiting, -1, (start.AddSeconds(1), 2, 3));
        AssertFigures(waiting, -2, (start.AddSeconds(-1), 1, 0));

        waiting.Remove([.. waiting.Of(-1)]);
        waiting.Remove(waiting.Of(-2)[0]);
        Assert.Equal(0, waiting.Count);
        Assert.Equal((DateTimeOffset.MinValue, 0, 0), Figures(waiting, -1));
        Assert.Equal((DateTimeOffset.MinValue, 0, 0), Figures(waiting, -2));
    }

    [Fact]
    public void Figures_AlwaysEqualACountOfTheWaitingMessages_ThroughAnyMixOfChanges()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "w.db"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var outbox = new Outbox(db, time);
        var waiting = new WaitingMessages();
        var random = new Random(12);
        for (var step = 0; step < 300; step++)
        {
            var chat = -1 - random.Next(3);
            switch (random.Next(6))
            {
                case 0 or 1:
                    time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 2000)));
                    var incident = random.Next(1, 50);
                    var kind = random.Next(3);
                    if (kind == 0)
                    {
                        outbox.Send(chat, "card", incidentId: incident, opening: (OpeningCard)random.Next(1, 4));
                    }
                    else if (kind == 1)
                    {
                        outbox.Notify(chat, "reminder", incident, Reminder(incident));
                    }
                    else
                    {
                        outbox.EditCard(incident, chat, "edit", buttons: null);
                    }

                    waiting.Refresh(db);
                    break;
                case 2 when waiting.Of(chat) is { Count: > 0 } some:
                    waiting.RetryAt(some[random.Next(some.Count)], time.GetUtcNow().AddSeconds(random.Next(-60, 60)));
                    break;
                case 3 when waiting.Of(chat) is { Count: > 0 } some:
                    waiting.Remove(some[random.Next(some.Count)]);
                    break;
                case 4 when waiting.Of(chat) is { Count: > 0 } some:
                    waiting.Remove([.. some.Where(_ => random.Next(4) == 0)]);
                    break;
                case 5 when random.Next(10) == 0:
                    waiting.Reset();
                    waiting.Refresh(db); // messages it removed but nobody settled are read again, as stored
                    break;
            }

            foreach (var each in new long[] { -1, -2, -3 })
            {
                var messages = waiting.Of(each);
                Assert.Equal(
                    (messages.Count > 0 ? messages.Max(m => m.NextAttemptAt) : DateTimeOffset.MinValue,
                        messages.Count(m => m.Opening is not null), messages.Count(m => m.Reminder is not null)),
                    Figures(waiting, each));
            }
        }
    }

    [Fact]
    public void Next_AndTheHeldLists_AgreeWithGoingThroughEveryWaitingMessage_ThroughAnyMixOfChanges()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "w.db"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var outbox = new Outbox(db, time);
        var waiting = new WaitingMessages();
        var random = new Random(7);
        HeldBack[] holds = [.. Enumerable.Range(0, 8).Select(i => new HeldBack((i & 1) != 0, (i & 2) != 0, (i & 4) != 0))];
        var chosen = 0;
        for (var step = 0; step < 400; step++)
        {
            var chat = -1 - random.Next(2);
            switch (random.Next(7))
            {
                case 0 or 1 or 2:
                    // Few incidents, so that one has two cards, or two edits, waiting at once.
                    db.Write(_ =>
                    {
                        for (var n = random.Next(1, 6); n > 0; n--)
                        {
                            var incident = random.Next(1, 8);
                            OpeningCard? opening = random.Next(4) is var o && o > 0 ? (OpeningCard)o : null;
                            switch (random.Next(6))
                            {
                                case 0:
                                    outbox.Send(chat, "card", incidentId: incident, opening: opening);
                                    break;
                                case 1:
                                    outbox.Send(chat, "card with a reminder mark", incidentId: incident, opening: opening, reminder: Reminder(incident));
                                    break;
                                case 2:
                                    outbox.Notify(chat, "reminder", incident, Reminder(incident));
                                    break;
                                case 3:
                                    outbox.Notify(chat, "reply", incident);
                                    break;
                                case 4:
                                    outbox.EditCard(incident, chat, "edit", buttons: null);
                                    break;
                                default:
                                    outbox.Send(chat, "plain", reminder: random.Next(2) == 0 ? Reminder(incident) : null);
                                    break;
                            }
                        }
                    });
                    waiting.Refresh(db);
                    break;
                case 3 when waiting.Next(chat, holds[random.Next(holds.Length)]) is { } next:
                    waiting.Remove(next); // sent
                    chosen++;
                    break;
                case 4 when waiting.Of(chat) is { Count: > 0 } some:
                    waiting.Remove(some[random.Next(some.Count)]);
                    break;
                case 5 when waiting.Of(chat) is { Count: > 0 } some:
                    waiting.Remove([.. some.Where(_ => random.Next(3) == 0)]);
                    break;
                case 6 when random.Next(8) == 0:
                    waiting.Reset();
                    waiting.Refresh(db);
                    break;
            }

            foreach (var each in new long[] { -1, -2 })
            {
                var messages = waiting.Of(each);
                foreach (var held in holds)
                {
                    Assert.Same(DeliveryOrderReference.Next(messages, held.Holds), waiting.Next(each, held));
                }

                Assert.Equal(messages.Where(m => m.Opening == OpeningCard.Ordinary), waiting.OrdinaryCards(each));
                Assert.Equal(messages.Where(m => m.Reminder is not null), waiting.RemindersOf(each));
                Assert.Equal(
                    messages.Select(m => m.Kind == OutboxKind.EditCard &&
                                         messages.Any(later => later.Id > m.Id && later.Kind == OutboxKind.EditCard && later.IncidentId == m.IncidentId)),
                    messages.Select(waiting.IsSuperseded));
            }
        }

        Assert.True(chosen > 20, $"only {chosen} chosen");
    }

    private static ReminderNote Reminder(long incidentId) => new() { IncidentId = incidentId, Kind = ReminderKind.HalfTime, Grade = Grade.General };

    private static (DateTimeOffset BlockedUntil, int NewCards, int Reminders) Figures(WaitingMessages waiting, long chatId) =>
        (waiting.BlockedUntil(chatId), waiting.NewCards(chatId), waiting.Reminders(chatId));

    private static void AssertFigures(WaitingMessages waiting, long chatId, (DateTimeOffset BlockedUntil, int NewCards, int Reminders) expected)
    {
        Assert.Equal(expected, Figures(waiting, chatId));
        var messages = waiting.Of(chatId);
        Assert.Equal(expected, (messages.Max(m => m.NextAttemptAt), messages.Count(m => m.Opening is not null), messages.Count(m => m.Reminder is not null)));
    }

    private static string Describe(OutboxEntry m) =>
        $"{m.Id} {m.ChatId} {m.Kind} {m.IncidentId} {m.ReplyToCardOf} {m.Opening} {m.CreatedAt:O} {m.NextAttemptAt:O} {m.DeliveredAt:O}";
}
