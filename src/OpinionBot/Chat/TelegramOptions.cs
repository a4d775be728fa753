namespace OpinionBot.Chat;

public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The bot token from @BotFather, e.g. <c>123456789:AA...</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>Optional self-hosted Bot API server, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Long-polling timeout for getUpdates, seconds.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;
}

public sealed class ChatsOptions
{
    public const string Section = "Chats";

    /// <summary>The team's group chat: every card goes here.</summary>
    public long Team { get; set; }

    /// <summary>The leadership group: escalations go here.</summary>
    public long Leadership { get; set; }

    /// <summary>Supervisors' chat: notices and reports.</summary>
    public long Supervisors { get; set; }

    /// <summary>Where 上报 sends the report (报送) and a major incident's progress reports; the leadership group when 0.</summary>
    public long ReportTo { get; set; }
}

public sealed class AccessOptions
{
    public const string Section = "Access";

    public List<long> Supervisors { get; set; } = [];
    public List<long> Officers { get; set; } = [];

    /// <summary>Members (e.g. department liaisons 网评员) who may claim, report, note and send back.</summary>
    public List<long> Members { get; set; } = [];
}
