using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>
/// The chat feature's stores on a real database: the outbox read by id and delivery time (a waiting message, whose
/// delivery time is empty, never counts as delivered), cards found by chat and message, moves followed to their end.
/// </summary>
public sealed class ChatStoresTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("chat-stores-").FullName;
    private readonly OpinionDatabase _db;

    public ChatStoresTests() => _db = new OpinionDatabase(Path.Combine(_folder, "chat.db"));

    [Fact]
    public void Outbox_Enqueue_GivesIds_WakesTheSenderOncePerTransaction_AndWaitsUntilDelivered()
    {
        var woken = 0;
        _db.OutboxChanged += () => woken++;

        _db.Write(s =>
        {
            s.Outbox.Enqueue(Message(-1, "甲"));
            s.Outbox.Enqueue(Message(-2, "乙"));
        });

        Assert.Equal(1, woken);
        var waiting = _db.Read(s => s.Outbox.Waiting());
        Assert.Equal(["甲", "乙"], waiting.Select(m => m.Text));
        Assert.True(waiting[0].Id > 0 && waiting[1].Id > waiting[0].Id);
        Assert.Equal(waiting[1].Id, _db.Read(s => s.Outbox.LastId()));

        waiting[0].DeliveredAt = Noon;
        _db.Write(s => s.Outbox.Save(waiting[0]));

        Assert.Equal(1, woken); // saving an attempt is not news for the sender
        Assert.Equal(1, _db.Read(s => s.Outbox.WaitingCount()));
        Assert.Equal("乙", Assert.Single(_db.Read(s => s.Outbox.Waiting())).Text);
        Assert.Equal(Noon, _db.Read(s => s.Outbox.Get(waiting[0].Id))!.DeliveredAt);
    }

    [Fact]
    public void Outbox_QueuedAfter_ReadsOnlyNewerMessages_DeliveredOrNot()
    {
        var first = Enqueue(Message(-1, "一"));
        var second = Enqueue(Message(-1, "二", deliveredAt: Noon));
        var third = Enqueue(Message(-1, "三"));

        Assert.Equal([second, third], _db.Read(s => s.Outbox.QueuedAfter(first)).Select(m => m.Id));
        Assert.Empty(_db.Read(s => s.Outbox.QueuedAfter(third)));
        using var empty = new OpinionDatabase(Path.Combine(_folder, "empty.db"));
        Assert.Equal(0, empty.Read(s => s.Outbox.LastId()));
    }

    [Fact]
    public void Outbox_DeliveredAfter_AndForgetDeliveredBefore_LeaveWaitingMessagesAlone()
    {
        Enqueue(Message(-1, "waiting"));
        Enqueue(Message(-1, "old", deliveredAt: Noon.AddDays(-8)));
        Enqueue(Message(-1, "edge", deliveredAt: Noon));
        Enqueue(Message(-1, "new", deliveredAt: Noon.AddMinutes(1)));

        Assert.Equal(["new"], _db.Read(s => s.Outbox.DeliveredAfter(Noon)).Select(m => m.Text));
        Assert.Equal(["edge", "new"], _db.Read(s => s.Outbox.DeliveredAfter(Noon.AddTicks(-1))).Select(m => m.Text));

        var forgotten = _db.Write(s => s.Outbox.ForgetDeliveredBefore(Noon));

        Assert.Equal(["old"], forgotten.Select(m => m.Text));
        Assert.Equal(["waiting", "edge", "new"], _db.Read(s => s.Outbox.QueuedAfter(0)).Select(m => m.Text));
    }

    [Fact]
    public void Cards_AreFoundByIncident_ByChat_AndByTheMessageShowingThem()
    {
        _db.Write(s =>
        {
            s.Cards.Place(Card(1, -1, messageId: 10));
            s.Cards.Place(Card(1, -2, messageId: 10));
            s.Cards.Place(Card(2, -1, messageId: 0));
        });

        Assert.Equal((1L, -2L), _db.Read(s => s.Cards.AtMessage(-2, 10)) is { } card ? (card.IncidentId, card.ChatId) : default);
        Assert.Equal((1L, -1L), _db.Read(s => s.Cards.AtMessage(-1, 10)) is { } other ? (other.IncidentId, other.ChatId) : default);
        Assert.Null(_db.Read(s => s.Cards.AtMessage(-3, 10)));
        Assert.Equal([-2L, -1L], _db.Read(s => s.Cards.OfIncident(1)).Select(c => c.ChatId).Order());
        Assert.Equal([1L, 2L], _db.Read(s => s.Cards.InChat(-1)).Select(c => c.IncidentId).Order());

        var placed = _db.Read(s => s.Cards.Find(2, -1))!;
        placed.MessageId = 11;
        _db.Write(s => s.Cards.Save(placed));
        Assert.Equal(2, _db.Read(s => s.Cards.AtMessage(-1, 11))!.IncidentId);

        Assert.True(_db.Write(s => s.Cards.Remove(2, -1)));
        Assert.False(_db.Write(s => s.Cards.Remove(2, -1)));
        Assert.Null(_db.Read(s => s.Cards.Find(2, -1)));
    }

    [Fact]
    public void Chats_MarkLostOnce_AndAMoveRedirectsEarlierMovesToTheNewId()
    {
        Assert.True(_db.Write(s => s.Chats.MarkLost(new LostChat { Id = -1, Since = Noon, Reason = "kicked" })));
        Assert.False(_db.Write(s => s.Chats.MarkLost(new LostChat { Id = -1, Since = Noon.AddHours(1), Reason = "again" })));
        Assert.Equal(Noon, Assert.Single(_db.Read(s => s.Chats.LostChats())).Since);
        Assert.True(_db.Read(s => s.Chats.IsLost(-1)));
        Assert.True(_db.Write(s => s.Chats.MarkFound(-1)));
        Assert.False(_db.Write(s => s.Chats.MarkFound(-1)));

        _db.Write(s => s.Chats.RecordMove(new ChatMove { Id = -1, NewId = -2, At = Noon }));
        _db.Write(s => s.Chats.RecordMove(new ChatMove { Id = -2, NewId = -3, At = Noon }));

        Assert.Equal(-3, _db.Read(s => s.Chats.MoveOf(-1))!.NewId);
        Assert.Equal(-3, _db.Read(s => s.Chats.MoveOf(-2))!.NewId);
        Assert.Equal(2, _db.Read(s => s.Chats.Moves()).Count);
    }

    [Fact]
    public void Digests_OlderThanTheCut_AreForgotten()
    {
        _db.Write(s =>
        {
            s.Digests.Add(new DigestRecord { ChatId = -1, IncidentIds = [1, 2], CreatedAt = Noon.AddDays(-31) });
            s.Digests.Add(new DigestRecord { ChatId = -1, IncidentIds = [3, 4], CreatedAt = Noon });
        });

        _db.Write(s => s.Digests.ForgetCreatedBefore(Noon.AddDays(-30)));

        var kept = Assert.Single(_db.Read(s => s.Digests.Kept()));
        Assert.Equal([3L, 4L], kept.IncidentIds);
        Assert.Equal(kept.ChatId, _db.Read(s => s.Digests.Find(kept.Id))!.ChatId);
    }

    [Fact]
    public void People_AreFoundByUsernameInAnyCase_AndRolesAreKeptApart()
    {
        _db.Write(s =>
        {
            s.People.Save(new Person { Id = 5, Name = "李明", Username = "LiMing" });
            s.People.SaveMember(new TeamMember { Id = 5, Role = Role.Officer, ChangedBy = 1, ChangedAt = Noon });
        });

        Assert.Equal(5, _db.Read(s => s.People.WithUsername("liming"))!.Id);
        Assert.Null(_db.Read(s => s.People.WithUsername("nobody")));
        Assert.Equal("李明", _db.Read(s => s.People.Find(5))!.Name);
        Assert.Equal(Role.Officer, _db.Read(s => s.People.Member(5))!.Role);
        Assert.Null(_db.Read(s => s.People.Member(6)));
        Assert.Single(_db.Read(s => s.People.Members()));
    }

    [Fact]
    public void AReadSession_RefusesToQueue()
    {
        Assert.Throws<InvalidOperationException>(() => _db.Read(s =>
        {
            s.Outbox.Enqueue(Message(-1, "x"));
            return 0;
        }));
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private long Enqueue(OutboxMessage message) => _db.Write(s =>
    {
        s.Outbox.Enqueue(message);
        return message.Id;
    });

    private static OutboxMessage Message(long chatId, string text, DateTimeOffset? deliveredAt = null) =>
        new() { ChatId = chatId, Text = text, CreatedAt = Noon, NextAttemptAt = Noon, DeliveredAt = deliveredAt };

    private static CardPlacement Card(long incidentId, long chatId, int messageId) =>
        new() { Id = CardPlacement.KeyOf(incidentId, chatId), IncidentId = incidentId, ChatId = chatId, MessageId = messageId };
}
