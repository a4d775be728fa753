using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>The language each chat reads: its own choice (<c>/lang</c>), else the configured <c>Culture</c>.</summary>
public sealed class ChatLanguages(OpinionDatabase db, IOptionsMonitor<MonitoringOptions> monitoring)
{
    public Strings Default => Strings.For(monitoring.CurrentValue.Culture);

    public Strings For(long chatId) => Chosen(chatId) ?? Default;

    /// <summary>
    /// For replies to a person: the chat's choice, else in a private chat the language their Telegram app uses.
    /// </summary>
    public Strings For(long chatId, bool privateChat, string? userLanguage) =>
        Chosen(chatId) ?? (privateChat && userLanguage is { Length: > 0 } ? Strings.For(userLanguage) : Default);

    public bool HasChosen(long chatId) => Chosen(chatId) is not null;

    /// <summary>Stores the chat's language; joins the caller's write.</summary>
    public void Set(long chatId, Strings language) =>
        db.Write(s => s.Chats.SaveSetting(new ChatSetting { Id = chatId, Culture = language.Culture }));

    private Strings? Chosen(long chatId) =>
        db.Read(s => s.Chats.Setting(chatId)) is { Culture.Length: > 0 } setting ? Strings.For(setting.Culture) : null;
}
