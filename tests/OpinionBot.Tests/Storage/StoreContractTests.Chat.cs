using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>
/// The chat feature's stores: the outbox read by id and delivery time (a waiting message, whose delivery time is empty,
/// never counts as delivered), cards found by chat and message, moves followed to their end; digests and people.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void Outbox_Enqueue_GivesIds_WakesTheSenderOncePerTransaction_AndWaitsUntilDelivered()
    {
        var db = Open();
        var woken = 0;
        db.OutboxChanged += () => woken++;

        db.Write(s =>
        {
            s.Outbox.Enqueue(Message(-1, "甲"));
            s.Outbox.Enqueue(Message(-2, "乙"));
        });

        Assert.Equal(1, woken);
        var waiting = db.Read(s => s.Outbox.Waiting());
        Assert.Equal(["甲", "乙"], waiting.Select(m => m.Text));
        Assert.True(waiting[0].Id > 0 && waiting[1].Id > waiting[0].Id);
        Assert.Equal(waiting[1].Id, db.Read(s => s.Outbox.LastId()));

        waiting[0].DeliveredAt = Noon;
        db.Write(s => s.Outbox.Save(waiting[0]));

        Assert.Equal(1, woken); // saving an attempt is not news for the sender
        Assert.Equal(1, db.Read(s => s.Outbox.WaitingCount()));
        Assert.Equal("乙", Assert.Single(db.Read(s => s.Outbox.Waiting())).Text);
        Assert.Equal(Noon, db.Read(s => s.Outbox.Get(waiting[0].Id))!.DeliveredAt);
    }

    [SkippableFact]
    public void Outbox_QueuedAfter_ReadsOnlyNewerMessages_DeliveredOrNot()
    {
        var db = Open();
        Assert.Equal(0, db.Read(s => s.Outbox.LastId()));
        var first = Enqueue(db, Message(-1, "一"));
        var second = Enqueue(db, Message(-1, "二", deliveredAt: Noon));
        var third = Enqueue(db, Message(-1, "三"));

        Assert.Equal([second, third], db.Read(s => s.Outbox.QueuedAfter(first)).Select(m => m.Id));
        Assert.Empty(db.Read(s => s.Outbox.QueuedAfter(third)));
    }

    [SkippableFact]
    public void Outbox_Entries_AreTheMessagesWithoutTheirContent_WaitingOrQueuedAfter()
    {
        var db = Open();
        var card = Message(-1, "卡片");
        (card.IncidentId, card.Opening, card.Buttons, card.NextAttemptAt) = (7, OpeningCard.Negative, [[new ButtonSpec("认领", "c:7")]], Noon.AddSeconds(30));
        var first = Enqueue(db, card);
        var reply = Message(-2, "回复");
        (reply.ReplyToCardOf, reply.Kind) = (7, OutboxKind.Document);
        var second = Enqueue(db, reply);
        var delivered = Enqueue(db, Message(-1, "已发", deliveredAt: Noon));
        var edit = Message(-1, "改");
        (edit.Kind, edit.IncidentId) = (OutboxKind.EditCard, 7);
        var fourth = Enqueue(db, edit);

        Assert.Equal(
            db.Read(s => s.Outbox.Waiting()).Select(OutboxEntry.Of).Select(Describe),
            db.Read(s => s.Outbox.WaitingEntries()).Select(Describe));
        Assert.Equal([first, second, fourth], db.Read(s => s.Outbox.WaitingEntries()).Select(m => m.Id));
        Assert.Equal(
            db.Read(s => s.Outbox.QueuedAfter(first)).Select(OutboxEntry.Of).Select(Describe),
            db.Read(s => s.Outbox.EntriesQueuedAfter(first)).Select(Describe));
        Assert.Equal([second, delivered, fourth], db.Read(s => s.Outbox.EntriesQueuedAfter(first)).Select(m => m.Id));
        var entry = db.Read(s => s.Outbox.WaitingEntries())[0];
        Assert.Equal((-1L, OutboxKind.Send, 7L, OpeningCard.Negative, Noon, Noon.AddSeconds(30)),
            (entry.ChatId, entry.Kind, entry.IncidentId, entry.Opening, entry.CreatedAt, entry.NextAttemptAt));
        Assert.Equal(Noon, db.Read(s => s.Outbox.EntriesQueuedAfter(second))[0].DeliveredAt);
    }

    private static string Describe(OutboxEntry m) =>
        $"{m.Id} {m.ChatId} {m.Kind} {m.IncidentId} {m.ReplyToCardOf} {m.Opening} {m.CreatedAt:O} {m.NextAttemptAt:O} {m.DeliveredAt:O}";

    [SkippableFact]
    public void Outbox_DeliveredAfter_AndForgetDeliveredBefore_LeaveWaitingMessagesAlone()
    {
        var db = Open();
        Enqueue(db, Message(-1, "waiting"));
        Enqueue(db, Message(-1, "old", deliveredAt: Noon.AddDays(-8)));
        Enqueue(db, Message(-1, "edge", deliveredAt: Noon));
        Enqueue(db, Message(-1, "new", deliveredAt: Noon.AddMinutes(1)));

        Assert.Equal(["new"], db.Read(s => s.Outbox.DeliveredAfter(Noon)).Select(m => m.Text));
        Assert.Equal(["edge", "new"], db.Read(s => s.Outbox.DeliveredAfter(Noon.AddTicks(-1))).Select(m => m.Text));

        var forgotten = db.Write(s => s.Outbox.ForgetDeliveredBefore(Noon));

        Assert.Equal(["old"], forgotten.Select(m => m.Text));
        Assert.Equal(["waiting", "edge", "new"], db.Read(s => s.Outbox.QueuedAfter(0)).Select(m => m.Text));
    }

    [SkippableFact]
    public void Cards_AreFoundByIncident_ByChat_AndByTheMessageShowingThem()
    {
        var db = Open();
        db.Write(s =>
        {
            s.Cards.Place(Card(1, -1, messageId: 10));
            s.Cards.Place(Card(1, -2, messageId: 10));
            s.Cards.Place(Card(2, -1, messageId: 0));
        });

        Assert.Equal((1L, -2L), db.Read(s => s.Cards.AtMessage(-2, 10)) is { } card ? (card.IncidentId, card.ChatId) : default);
        Assert.Equal((1L, -1L), db.Read(s => s.Cards.AtMessage(-1, 10)) is { } other ? (other.IncidentId, other.ChatId) : default);
        Assert.Null(db.Read(s => s.Cards.AtMessage(-3, 10)));
        Assert.Equal([-2L, -1L], db.Read(s => s.Cards.OfIncident(1)).Select(c => c.ChatId).Order());
        Assert.Equal([1L, 2L], db.Read(s => s.Cards.InChat(-1)).Select(c => c.IncidentId).Order());

        var placed = db.Read(s => s.Cards.Find(2, -1))!;
        placed.MessageId = 11;
        db.Write(s => s.Cards.Save(placed));
        Assert.Equal(2, db.Read(s => s.Cards.AtMessage(-1, 11))!.IncidentId);

        Assert.True(db.Write(s => s.Cards.Remove(2, -1)));
        Assert.False(db.Write(s => s.Cards.Remove(2, -1)));
        Assert.Null(db.Read(s => s.Cards.Find(2, -1)));
    }

    [SkippableFact]
    public void Chats_MarkLostOnce_AndAMoveRedirectsEarlierMovesToTheNewId()
    {
        var db = Open();
        Assert.True(db.Write(s => s.Chats.MarkLost(new LostChat { Id = -1, Since = Noon, Reason = "kicked" })));
        Assert.False(db.Write(s => s.Chats.MarkLost(new LostChat { Id = -1, Since = Noon.AddHours(1), Reason = "again" })));
        Assert.Equal(Noon, Assert.Single(db.Read(s => s.Chats.LostChats())).Since);
        Assert.True(db.Read(s => s.Chats.IsLost(-1)));
        Assert.True(db.Write(s => s.Chats.MarkFound(-1)));
        Assert.False(db.Write(s => s.Chats.MarkFound(-1)));

        db.Write(s => s.Chats.RecordMove(new ChatMove { Id = -1, NewId = -2, At = Noon }));
        db.Write(s => s.Chats.RecordMove(new ChatMove { Id = -2, NewId = -3, At = Noon }));

        Assert.Equal(-3, db.Read(s => s.Chats.MoveOf(-1))!.NewId);
        Assert.Equal(-3, db.Read(s => s.Chats.MoveOf(-2))!.NewId);
        Assert.Equal(2, db.Read(s => s.Chats.Moves()).Count);
    }

    [SkippableFact]
    public void Chats_Settings_AreKeptPerChat_AndForgotten()
    {
        var db = Open();
        db.Write(s =>
        {
            s.Chats.SaveSetting(new ChatSetting { Id = 501, Culture = "en" });
            s.Chats.SaveSetting(new ChatSetting { Id = -1, Culture = "zh-CN" });
        });
        db.Write(s => s.Chats.SaveSetting(new ChatSetting { Id = 501, Culture = "zh-CN" }));

        Assert.Equal("zh-CN", db.Read(s => s.Chats.Setting(501))!.Culture);
        Assert.Null(db.Read(s => s.Chats.Setting(502)));
        db.Write(s => s.Chats.ForgetSetting(501));
        Assert.Null(db.Read(s => s.Chats.Setting(501)));
        Assert.Equal("zh-CN", db.Read(s => s.Chats.Setting(-1))!.Culture);
    }

    [SkippableFact]
    public void Digests_OlderThanTheCut_AreForgotten()
    {
        var db = Open();
        db.Write(s =>
        {
            s.Digests.Add(new DigestRecord { ChatId = -1, IncidentIds = [1, 2], CreatedAt = Noon.AddDays(-31) });
            s.Digests.Add(new DigestRecord { ChatId = -1, IncidentIds = [3, 4], CreatedAt = Noon });
        });

        db.Write(s => s.Digests.ForgetCreatedBefore(Noon.AddDays(-30)));

        var kept = Assert.Single(db.Read(s => s.Digests.Kept()));
        Assert.Equal([3L, 4L], kept.IncidentIds);
        Assert.Equal(kept.ChatId, db.Read(s => s.Digests.Find(kept.Id))!.ChatId);
    }

    [SkippableFact]
    public void People_AreFoundByUsernameInAnyCase_AndRolesAreKeptApart()
    {
        var db = Open();
        db.Write(s =>
        {
            s.People.Save(new Person { Id = 5, Name = "李明", Username = "LiMing" });
            s.People.SaveMember(new TeamMember { Id = 5, Role = Role.Officer, ChangedBy = 1, ChangedAt = Noon });
        });

        Assert.Equal(5, db.Read(s => s.People.WithUsername("liming"))!.Id);
        Assert.Null(db.Read(s => s.People.WithUsername("nobody")));
        Assert.Equal("李明", db.Read(s => s.People.Find(5))!.Name);
        Assert.Equal(Role.Officer, db.Read(s => s.People.Member(5))!.Role);
        Assert.Null(db.Read(s => s.People.Member(6)));
        Assert.Single(db.Read(s => s.People.Members()));
    }

    [SkippableFact]
    public void Outbox_AReadSession_RefusesToQueue()
    {
        var db = Open();
        Assert.Throws<InvalidOperationException>(() => db.Read(s =>
        {
            s.Outbox.Enqueue(Message(-1, "x"));
            return 0;
        }));
    }

    private static long Enqueue(OpinionDatabase db, OutboxMessage message) => db.Write(s =>
    {
        s.Outbox.Enqueue(message);
        return message.Id;
    });

    private static OutboxMessage Message(long chatId, string text, DateTimeOffset? deliveredAt = null) =>
        new() { ChatId = chatId, Text = text, CreatedAt = Noon, NextAttemptAt = Noon, DeliveredAt = deliveredAt };

    private static CardPlacement Card(long incidentId, long chatId, int messageId) =>
        new() { Id = CardPlacement.KeyOf(incidentId, chatId), IncidentId = incidentId, ChatId = chatId, MessageId = messageId };
}
