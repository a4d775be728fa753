using OpinionBot.Chat;
using OpinionBot.Hosting;
using OpinionBot.Monitoring;
using OpinionBot.Settings;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Hosting;

/// <summary>Operations settings are checked at start, each problem one sentence naming the setting.</summary>
public sealed class OperationsSettingsTests
{
    [Theory]
    [InlineData("127.0.0.1:9464", true)]
    [InlineData("*:9464", true)]
    [InlineData("[::1]:9464", true)]
    [InlineData("http://localhost:8080/", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("9464", false)]
    [InlineData("127.0.0.1:9464/metrics", false)]
    [InlineData("https://127.0.0.1:9464", false)]
    public void MonitoringListen_NeedsAnAddressAndAPort(string listen, bool valid)
    {
        var result = new MonitoringEndpointOptionsValidation().Validate(null, new MonitoringEndpointOptions { Listen = listen });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Monitoring:Listen", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MonitoringListen_Unset_IsOff_AndValid() =>
        Assert.True(new MonitoringEndpointOptionsValidation().Validate(null, new MonitoringEndpointOptions()).Succeeded);

    [Theory]
    [InlineData("https://bot.example.invalid/telegram", "abc_DEF-123", "127.0.0.1:8443", null)]
    [InlineData("https://bot.example.invalid/telegram", "", "127.0.0.1:8443", "Telegram:Webhook:SecretToken")]
    [InlineData("https://bot.example.invalid/telegram", "has space", "127.0.0.1:8443", "Telegram:Webhook:SecretToken")]
    [InlineData("https://bot.example.invalid/telegram", "ok", "", "Telegram:Webhook:Listen")]
    [InlineData("bot.example.invalid/telegram", "ok", "127.0.0.1:8443", "Telegram:Webhook:Url")]
    [InlineData("", "", "", null)] // off: nothing else is needed
    public void Webhook_NeedsAnUrlASecretAndAListenAddress(string url, string secret, string listen, string? failing)
    {
        var result = new WebhookOptionsValidation().Validate(null, new WebhookOptions { Url = url, SecretToken = secret, Listen = listen });
        Assert.Equal(failing is null, result.Succeeded);
        if (failing is not null)
        {
            Assert.StartsWith(failing, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Webhook_SecretOfMoreThan256Characters_IsRefused() =>
        Assert.False(new WebhookOptionsValidation().Validate(null,
            new WebhookOptions { Url = "https://bot.example.invalid/t", SecretToken = new string('a', 257) }).Succeeded);

    [Fact]
    public void Backups_KeepAtLeastOne_AndEveryIsPositive()
    {
        var validation = new BackupOptionsValidation();
        Assert.True(validation.Validate(null, new BackupOptions { BackupEvery = TimeSpan.FromDays(1) }).Succeeded);
        Assert.StartsWith("Storage:BackupKeep", validation.Validate(null, new BackupOptions { BackupKeep = 0 }).FailureMessage, StringComparison.Ordinal);
        Assert.StartsWith("Storage:BackupEvery", validation.Validate(null, new BackupOptions { BackupEvery = TimeSpan.FromHours(-1) }).FailureMessage, StringComparison.Ordinal);
    }
}
