using OpinionBot.Chat;
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

    private static string Describe(OutboxEntry m) =>
        $"{m.Id} {m.ChatId} {m.Kind} {m.IncidentId} {m.ReplyToCardOf} {m.Opening} {m.CreatedAt:O} {m.NextAttemptAt:O} {m.DeliveredAt:O}";
}
