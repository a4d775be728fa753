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

        Assert.Equal("c", Assert.Single(reported).Text);
        Assert.Equal(3, waiting.Count);
    }
}
