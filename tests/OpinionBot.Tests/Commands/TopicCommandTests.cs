using OpinionBot.Tests.Commands;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Commands;

/// <summary><c>/topics</c> end to end: a topic added by command matches the next item; a broken rule is refused with its position.</summary>
public sealed class TopicCommandTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Add_RuleByCommand_MatchesTheNextItem()
    {
        var added = await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics add 校园食品 (学校|食堂)+(变质|中毒)-招聘");
        Assert.Contains("已添加专题“校园食品”", added.Text);

        _chat.Feed("/feed.xml", "实验小学食堂饭菜变质", "食堂招聘厨师变质");

        // No configured topic has these words: the card comes from the new topic, and its NOT keeps the job advert out.
        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("实验小学食堂饭菜变质") && m.Buttons.Count > 0, CommandChat.Patience);
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("食堂招聘厨师变质"));
        Assert.Contains("校园食品", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics")).Text);
    }

    [Fact]
    public async Task Edit_ExcludeAndGrade_ApplyAtOnce()
    {
        var edited = await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics edit 医院投诉 exclude=招聘,广告 grade=较大 department=卫健局");
        Assert.Contains("已保存专题“医院投诉”", edited.Text);

        _chat.Feed("/feed.xml", "医院招聘护士", "县医院投诉排队太久");

        var card = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text!.Contains("县医院投诉排队太久") && m.Buttons.Count > 0, CommandChat.Patience);
        Assert.Contains("较大", card.Text);
        await _chat.Bot.ChecksPassedAsync();
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("医院招聘护士"));
    }

    [Fact]
    public async Task Add_BrokenRule_IsRefusedWithPositionAndNotStored()
    {
        var reply = await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics add 坏规则 (医院+投诉");

        Assert.Contains("未保存", reply.Text);
        Assert.Contains("第 1 个字符", reply.Text);
        Assert.Contains("括号", reply.Text);
        Assert.DoesNotContain("坏规则", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics")).Text);
    }

    [Fact]
    public async Task Remove_StopsMatching()
    {
        Assert.Contains("已删除专题“医院投诉”", (await _chat.SayAsync(SupervisorsChat, Supervisor, "/topics remove 医院投诉")).Text);
        var before = _chat.Bot.Site.RequestCount("/feed.xml");
        _chat.Feed("/feed.xml", "医院投诉再起");
        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Site.RequestCount("/feed.xml") >= before + 2, CommandChat.Patience);
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.Text!.Contains("医院投诉再起"));
    }

    [Theory]
    [InlineData("/topics add 医院投诉 医院", "已存在")]
    [InlineData("/topics edit 无此专题 grade=较大", "没有名为“无此专题”的专题")]
    [InlineData("/topics edit 医院投诉 grade=特大", "grade=特大")]
    [InlineData("/topics add 只有名字", "用法：/topics")]
    public async Task BadArguments_GetTheProblemAndUsage(string command, string expected)
    {
        Assert.Contains(expected, (await _chat.SayAsync(SupervisorsChat, Supervisor, command)).Text);
    }

    [Fact]
    public async Task Member_IsRefused()
    {
        Assert.Contains("只有分管领导可以使用此命令", (await _chat.SayAsync(TeamChat, CommandChat.Member, "/topics")).Text);
    }
}
