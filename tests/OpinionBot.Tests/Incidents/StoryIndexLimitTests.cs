using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>
/// A story index that reaches Matching:StoryIndexLimit forgets its oldest appearances early rather than grow until the
/// worker is killed; reposts of those stories then open new incidents, so it is told: a warning, the supervisors once
/// a day, and a /status line.
/// </summary>
public sealed class StoryIndexLimitTests
{
    [Fact]
    public async Task AFullStoryIndex_IsToldToTheSupervisorsOnce_AndShownInStatus()
    {
        await using var chat = await CommandChat.StartAsync(settings => settings["Matching:StoryIndexLimit"] = "100");
        var index = chat.Bot.Services.GetRequiredService<StoryIndex>();
        var memory = chat.Bot.Services.GetRequiredService<StoryMemory>();
        var wages = StoryFingerprint.Of("恒达建筑公司拖欠农民工工资近百万", "四十余名农民工反映被拖欠工资近百万元。");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 101; i++)
        {
            index.Add(9_000 + i, wages, now.AddMinutes(i - 101));
        }

        memory.Tidy();
        for (var i = 0; i < 10; i++)
        {
            index.Add(9_200 + i, wages, now);
        }

        memory.Tidy(); // more forgotten: logged again, not told again the same day

        var told = await chat.Api.WaitForMessageAsync(BotHarness.SupervisorsChat, m => m.Text?.Contains("故事索引已达上限") == true, CommandChat.Patience);
        Assert.Contains("（100 条出现）", told.Text);
        Assert.Contains("Matching:StoryIndexLimit", told.Text);

        var status = await chat.SayAsync(BotHarness.TeamChat, BotHarness.Officer, "/status");
        Assert.Contains("⚠️ 故事索引已满（上限 100）", status.Text);
        Assert.Single(chat.Api.Messages(BotHarness.SupervisorsChat), m => m.Text!.Contains("故事索引", StringComparison.Ordinal));
    }

    [Fact]
    public void ALimitTooSmallToHoldAStory_IsRefusedAtStart_SayingWhichSetting()
    {
        var validation = new MatchingOptionsValidation();
        Assert.True(validation.Validate(null, new MatchingOptions()).Succeeded);
        var refused = validation.Validate(null, new MatchingOptions { StoryIndexLimit = 10 });
        Assert.True(refused.Failed);
        Assert.Contains("Matching:StoryIndexLimit 10 must be at least 100", refused.FailureMessage);
    }
}
