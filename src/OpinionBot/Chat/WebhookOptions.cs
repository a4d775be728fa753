namespace OpinionBot.Chat;

/// <summary>
/// <c>Telegram:Webhook</c>: receive updates on an HTTP listener that Telegram calls instead of long polling.
/// Off while <see cref="Url"/> is empty; clearing it goes back to polling (the poller deletes the webhook).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Telegram:Webhook";

    /// <summary>The public HTTPS address Telegram posts to, e.g. <c>https://bot.example.org/telegram</c> (a reverse proxy in front).</summary>
    public string? Url { get; set; }

    /// <summary>Where the worker listens for the proxy, e.g. <c>127.0.0.1:8443</c>. The path is taken from <see cref="Url"/>.</summary>
    public string Listen { get; set; } = "127.0.0.1:8443";

    /// <summary>
    /// Telegram sends it back in <c>X-Telegram-Bot-Api-Secret-Token</c> on every request; any request without it is refused.
    /// 1–256 characters of A–Z, a–z, 0–9, _ and -.
    /// </summary>
    public string SecretToken { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
