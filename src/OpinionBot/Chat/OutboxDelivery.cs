using OpinionBot.Reports.Documents;
using OpinionBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace OpinionBot.Chat;

/// <summary>Makes the one Telegram call an outbox message stands for. Returns the new message id for sends.</summary>
public sealed class OutboxDelivery(ITelegramBotClient bot, OpinionDatabase db, ChatLanguages languages, ILogger<OutboxDelivery> logger)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>Makes the call; <paramref name="made"/> is the file made for a message that ordered one.</summary>
    public async Task<int?> DeliverAsync(OutboxMessage message, MadeFiles? made, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case OutboxKind.Send:
                var replyTo = message.ReplyToMessageId ?? CardMessageId(message.ReplyToCardOf, message.ChatId);
                var sent = await bot.SendMessage(message.ChatId, message.Text, ParseMode.Html,
                    replyParameters: replyTo is { } target ? new ReplyParameters { MessageId = target, AllowSendingWithoutReply = true } : null,
                    replyMarkup: message.ForceReply is { } placeholder
                        ? (ReplyMarkup)new ForceReplyMarkup { Selective = true, InputFieldPlaceholder = placeholder }
                        : Keyboard(message.Buttons),
                    linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
                return sent.MessageId;

            case OutboxKind.EditCard:
                var placement = message.IncidentId is { } incidentId ? db.Read(s => s.Cards.Find(incidentId, message.ChatId)) : null;
                if (placement is null || placement.MessageId == 0)
                {
                    // The card itself never arrived (given up as undeliverable), so there is nothing to edit.
                    logger.LogWarning("No card of incident {IncidentId} in chat {ChatId} to edit", message.IncidentId, message.ChatId);
                    return null;
                }

                await bot.EditMessageText(message.ChatId, placement.MessageId, message.Text, ParseMode.Html,
                    replyMarkup: Keyboard(message.Buttons), linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
                return null;

            case OutboxKind.EditMessage when message.MessageId is { } messageId:
                await bot.EditMessageText(message.ChatId, messageId, message.Text, ParseMode.Html,
                    replyMarkup: Keyboard(message.Buttons), linkPreviewOptions: NoPreview, cancellationToken: cancellationToken);
                return null;

            case OutboxKind.Document:
            case OutboxKind.Photo:
                await using (var stream = new MemoryStream())
                {
                    stream.Write(made?.File?.Content ?? db.Read(s => s.Files.Download(message.FileId!)) ?? throw MissingFile(message.FileId!));
                    stream.Position = 0;
                    var file = InputFile.FromStream(stream, message.FileName);
                    // A ledger's caption counts its rows, known once it is made; a reroute heading may stand before it.
                    var caption = made?.File?.Caption is { } madeCaption ? Fitted(message.Text + madeCaption, message.ChatId) : message.Text;
                    // A file that answers a command is threaded under it.
                    var answering = message.ReplyToMessageId is { } command ? new ReplyParameters { MessageId = command, AllowSendingWithoutReply = true } : null;
                    var result = message.Kind == OutboxKind.Photo
                        ? await bot.SendPhoto(message.ChatId, file, caption, ParseMode.Html, replyParameters: answering, cancellationToken: cancellationToken)
                        : await bot.SendDocument(message.ChatId, file, caption, ParseMode.Html, replyParameters: answering, cancellationToken: cancellationToken);
                    return result.MessageId;
                }

            case OutboxKind.MediaGroup when message.Media is { Count: > 0 } media:
                var streams = new List<MemoryStream>();
                try
                {
                    var album = new List<IAlbumInputMedia>();
                    for (var i = 0; i < media.Count; i++)
                    {
                        var item = media[i];
                        var content = item.Document is null
                            ? db.Read(s => s.Files.Download(item.FileId)) ?? throw MissingFile(item.FileId)
                            : made?.Album?[i]?.Content;
                        if (content is null)
                        {
                            continue; // a photo that could not be made is left out (said in the log when it was made)
                        }

                        var stream = new MemoryStream(content);
                        streams.Add(stream);
                        var caption = made?.Album?[i]?.Caption is { } madeCaption ? Fitted(madeCaption, message.ChatId) : item.Caption;
                        album.Add(new InputMediaPhoto(InputFile.FromStream(stream, item.FileName)) { Caption = caption, ParseMode = ParseMode.Html });
                    }

                    switch (album.Count)
                    {
                        case 0:
                            logger.LogWarning("No photo of album {Id} for chat {ChatId} could be made; nothing sent", message.Id, message.ChatId);
                            return null;
                        case 1:
                            // Telegram takes albums of 2 to 10: one photo goes alone.
                            var single = (InputMediaPhoto)album[0];
                            return (await bot.SendPhoto(message.ChatId, single.Media, single.Caption, ParseMode.Html, cancellationToken: cancellationToken)).MessageId;
                        default:
                            var messages = await bot.SendMediaGroup(message.ChatId, album, cancellationToken: cancellationToken);
                            return messages.Length > 0 ? messages[0].MessageId : null;
                    }
                }
                finally
                {
                    foreach (var stream in streams)
                    {
                        await stream.DisposeAsync();
                    }
                }

            default:
                logger.LogError("Unknown outbox message kind {Kind} (id {Id})", message.Kind, message.Id);
                return null;
        }
    }

    /// <summary>
    /// A made file's caption is known only now, after <see cref="DeliveryAttempt.Begin"/> fitted the stored text: it is
    /// fitted to Telegram's caption limit here the same way.
    /// </summary>
    private string Fitted(string caption, long chatId) =>
        DeliveryAttempt.Fit(caption, DeliveryAttempt.CaptionLimit, languages.For(chatId).Trimmed) ?? caption;

    private int? CardMessageId(long? incidentId, long chatId) =>
        incidentId is { } id && db.Read(s => s.Cards.Find(id, chatId)) is { MessageId: > 0 } placement ? placement.MessageId : null;

    // The upload is deleted only once its message is delivered, so a missing one is a broken store, not a Telegram error.
    private static FileNotFoundException MissingFile(string fileId) => new($"The outbox file {fileId} is not stored.");

    private static InlineKeyboardMarkup? Keyboard(List<List<ButtonSpec>>? buttons) =>
        buttons is null ? null : new InlineKeyboardMarkup(
            buttons.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Text, b.Data))));
}
