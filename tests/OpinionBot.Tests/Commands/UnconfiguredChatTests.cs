using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Commands;

/// <summary>Setting up: a command in a group the bot does not serve is refused, and the answer gives the group's id.</summary>
public sealed class UnconfiguredChatTests
{
    [Fact]
    public async Task CommandInAnUnconfiguredGroup_IsRefused_AndTellsTheChatId()
    {
        await using var chat = await CommandChat.StartAsync();

        var reply = await chat.SayAsync(-1005550001, BotHarness.Officer, "/status");

        Assert.Contains("本群未配置", reply.Text);
        Assert.Contains("-1005550001", reply.Text);
    }
}
