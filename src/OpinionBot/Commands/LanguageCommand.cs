using OpinionBot.Chat;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary><c>/lang zh|en</c>: the chat's language for cards, notices and replies from now on.</summary>
public sealed class LanguageCommand(ChatLanguages languages) : ICommandFamily
{
    public IReadOnlyList<CommandSpec> Commands { get; } = [new("lang", t => t.LangDescription, _ => "/lang zh|en")];

    public void Handle(CommandRequest request)
    {
        Strings? chosen = request.Words is [var word] ? word.ToLowerInvariant() switch
        {
            "zh" or "zh-cn" or "cn" or "中文" => Strings.Chinese,
            "en" or "english" or "英文" => Strings.English,
            _ => null,
        } : null;
        if (chosen is null)
        {
            request.ReplyUsage();
            return;
        }

        languages.Set(request.ChatId, chosen);
        request.Reply(chosen.LanguageSet);
    }
}
