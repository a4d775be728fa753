using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>
/// Queues messages for Telegram. Call inside <see cref="OpinionDatabase.Write{T}"/> so a message is stored together with
/// the change that caused it; <see cref="OutboxSender"/> delivers it.
/// </summary>
public sealed class Outbox(OpinionDatabase db, TimeProvider time)
{
    public void Send(long chatId, string html, List<List<ButtonSpec>>? buttons = null, long? incidentId = null, int? replyTo = null,
        OpeningCard? opening = null, string? heading = null)
    {
        if (incidentId is { } id && db.Cards.FindById(CardPlacement.KeyOf(id, chatId)) is null)
        {
            // Placed now, message id filled in on delivery: later edits know where the card lives.
            db.Cards.Insert(new CardPlacement { Id = CardPlacement.KeyOf(id, chatId), IncidentId = id, ChatId = chatId, Heading = heading });
        }

        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.Send, Text = WithHeading(heading, html), Buttons = buttons, IncidentId = incidentId, ReplyToMessageId = replyTo, Opening = opening });
    }

    /// <summary>A message about an incident, threaded under its card in that chat when the card is there.</summary>
    public void Notify(long chatId, string html, long incidentId) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.Send, Text = html, ReplyToCardOf = incidentId });

    /// <summary>A question whose answer is a reply to it (ForceReply, for the people the text mentions).</summary>
    public void Ask(long chatId, string html, string placeholder) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.Send, Text = html, ForceReply = placeholder });

    /// <summary>Edits the card in that chat; the heading it was posted with stays above it.</summary>
    public void EditCard(long incidentId, long chatId, string html, List<List<ButtonSpec>>? buttons)
    {
        var heading = db.Cards.FindById(CardPlacement.KeyOf(incidentId, chatId))?.Heading;
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.EditCard, Text = WithHeading(heading, html), Buttons = buttons, IncidentId = incidentId });
    }

    private static string WithHeading(string? heading, string html) => heading is null ? html : heading + "\n" + html;

    /// <summary>Edits a message that is not a card, e.g. a list turned to another page.</summary>
    public void EditMessage(long chatId, int messageId, string html, List<List<ButtonSpec>>? buttons) =>
        Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.EditMessage, Text = html, Buttons = buttons, MessageId = messageId });

    public void SendFile(long chatId, OutboxKind kind, string fileName, byte[] content, string caption, int? replyTo = null)
    {
        var fileId = $"outbox/{Guid.NewGuid():N}/{fileName}";
        using (var stream = new MemoryStream(content, writable: false))
        {
            db.Files.Upload(fileId, fileName, stream);
        }

        Add(new OutboxMessage { ChatId = chatId, Kind = kind, Text = caption, FileId = fileId, FileName = fileName, ReplyToMessageId = replyTo });
    }

    /// <summary>
    /// Photos as albums of up to 10 (Telegram's limit for a media group); a lone photo goes as a plain photo.
    /// Captions are HTML.
    /// </summary>
    public void SendPhotos(long chatId, IReadOnlyList<(string FileName, byte[] Content, string Caption)> photos)
    {
        foreach (var album in photos.Chunk(10))
        {
            if (album.Length == 1)
            {
                SendFile(chatId, OutboxKind.Photo, album[0].FileName, album[0].Content, album[0].Caption);
                continue;
            }

            var media = new List<MediaItem>();
            foreach (var (fileName, content, caption) in album)
            {
                var fileId = $"outbox/{Guid.NewGuid():N}/{fileName}";
                using var stream = new MemoryStream(content, writable: false);
                db.Files.Upload(fileId, fileName, stream);
                media.Add(new MediaItem(fileId, fileName, caption));
            }

            Add(new OutboxMessage { ChatId = chatId, Kind = OutboxKind.MediaGroup, Media = media });
        }
    }

    /// <summary>Chats where the incident's card is (or is about to be) shown.</summary>
    public IReadOnlyList<long> CardChats(long incidentId) =>
        db.Cards.Find(c => c.IncidentId == incidentId).Select(c => c.ChatId).ToList();

    /// <summary>Whether this message in this chat shows an incident's card.</summary>
    public bool IsCard(long chatId, int messageId) =>
        db.Read(() => db.Cards.FindOne(c => c.ChatId == chatId && c.MessageId == messageId) is not null);

    public bool HasCard(long incidentId, long chatId) => db.Cards.FindById(CardPlacement.KeyOf(incidentId, chatId)) is not null;

    private void Add(OutboxMessage message)
    {
        var now = time.GetUtcNow();
        message.CreatedAt = now;
        message.NextAttemptAt = now;
        db.Outbox.Insert(message);
        db.NoteOutboxChange();
    }
}
