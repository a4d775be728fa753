using OpinionBot.Reports.Documents;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Queues messages for Telegram. Each call joins the caller's <see cref="OpinionDatabase.Write{T}(Func{StoreSession, T})"/>,
/// so a message is stored together with the change that caused it; <see cref="OutboxSender"/> delivers it.
/// </summary>
public sealed class Outbox(OpinionDatabase db, TimeProvider time)
{
    public void Send(long chatId, string html, List<List<ButtonSpec>>? buttons = null, long? incidentId = null, int? replyTo = null,
        OpeningCard? opening = null, string? heading = null, ReminderNote? reminder = null, bool escalated = false)
    {
        db.Write(s =>
        {
            if (incidentId is { } id && s.Cards.Find(id, chatId) is null)
            {
                // Placed now, message id filled in on delivery: later edits know where the card lives.
                s.Cards.Place(new CardPlacement { Id = CardPlacement.KeyOf(id, chatId), IncidentId = id, ChatId = chatId, Heading = heading });
            }

            Add(s, new OutboxMessage
            {
                ChatId = chatId,
                Kind = OutboxKind.Send,
                Text = WithHeading(heading, html),
                Buttons = buttons,
                IncidentId = incidentId,
                ReplyToMessageId = replyTo,
                Opening = opening,
                Reminder = reminder,
                Escalated = escalated ? true : null,
            });
        });
    }

    /// <summary>A message about an incident, threaded under its card in that chat when the card is there.</summary>
    public void Notify(long chatId, string html, long incidentId, ReminderNote? reminder = null) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.Send, Text = html, ReplyToCardOf = incidentId, Reminder = reminder });

    /// <summary>A question whose answer is a reply to it (ForceReply, for the people the text mentions).</summary>
    public void Ask(long chatId, string html, string placeholder) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.Send, Text = html, ForceReply = placeholder });

    /// <summary>Edits the card in that chat; the heading it was posted with stays above it.</summary>
    public void EditCard(long incidentId, long chatId, string html, List<List<ButtonSpec>>? buttons) => db.Write(s =>
    {
        var heading = s.Cards.Find(incidentId, chatId)?.Heading;
        Add(s, new OutboxMessage { ChatId = chatId, Kind = OutboxKind.EditCard, Text = WithHeading(heading, html), Buttons = buttons, IncidentId = incidentId });
    });

    private static string WithHeading(string? heading, string html) => heading is null ? html : heading + "\n" + html;

    /// <summary>Edits a message that is not a card, e.g. a list turned to another page.</summary>
    public void EditMessage(long chatId, int messageId, string html, List<List<ButtonSpec>>? buttons) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.EditMessage, Text = html, Buttons = buttons, MessageId = messageId });

    public void SendFile(long chatId, OutboxKind kind, string fileName, byte[] content, string caption, int? replyTo = null)
    {
        var fileId = $"outbox/{Guid.NewGuid():N}/{fileName}";
        db.Write(s =>
        {
            s.Files.Upload(fileId, fileName, content);
            Add(s, new OutboxMessage { ChatId = chatId, Kind = kind, Text = caption, FileId = fileId, FileName = fileName, ReplyToMessageId = replyTo });
        });
    }

    /// <summary>
    /// A document or photo made when it is sent (a 抄告单, a ledger, a chart): only the order is stored here, in the
    /// caller's transaction, so the request and its file stand or fall together and nothing heavy runs under the lock.
    /// </summary>
    public void SendMade(long chatId, OutboxKind kind, string fileName, DocumentOrder order, string caption, int? replyTo = null) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = kind, Text = caption, FileName = fileName, Document = order, ReplyToMessageId = replyTo });

    /// <summary>Photos made on delivery, as albums of up to 10; a lone photo goes as a plain photo.</summary>
    public void SendMadePhotos(long chatId, IReadOnlyList<(string FileName, DocumentOrder Order)> photos) => db.Write(_ =>
    {
        foreach (var album in photos.Chunk(10))
        {
            if (album.Length == 1)
            {
                SendMade(chatId, OutboxKind.Photo, album[0].FileName, album[0].Order, "");
                continue;
            }

            Add(new OutboxMessage
            {
                ChatId = chatId,
                Kind = OutboxKind.MediaGroup,
                Media = album.Select(p => new MediaItem("", p.FileName, "", p.Order)).ToList(),
            });
        }
    });

    /// <summary>
    /// Settles waiting messages folded into a digest or a summary as delivered, noting where they went; one settled
    /// meanwhile is left as it is. Joins the caller's write.
    /// </summary>
    public void SettleFolded(IEnumerable<OutboxEntry> entries, string note) => db.Write(s =>
    {
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            if (s.Outbox.Get(entry.Id) is not { DeliveredAt: null } message)
            {
                continue;
            }

            message.Attempts++;
            message.DeliveredAt = now;
            message.LastError = note;
            s.Outbox.Save(message);
        }
    });

    /// <summary>Chats where the incident's card is (or is about to be) shown.</summary>
    public IReadOnlyList<long> CardChats(long incidentId) =>
        db.Read(s => s.Cards.OfIncident(incidentId).Select(c => c.ChatId).ToList());

    /// <summary>Whether this message in this chat shows an incident's card.</summary>
    public bool IsCard(long chatId, int messageId) =>
        db.Read(s => s.Cards.AtMessage(chatId, messageId) is not null);

    public bool HasCard(long incidentId, long chatId) => db.Read(s => s.Cards.Find(incidentId, chatId) is not null);

    private void Add(OutboxMessage message) => db.Write(s => Add(s, message));

    private void Add(StoreSession session, OutboxMessage message)
    {
        var now = time.GetUtcNow();
        message.CreatedAt = now;
        message.NextAttemptAt = now;
        session.Outbox.Enqueue(message);
    }
}
