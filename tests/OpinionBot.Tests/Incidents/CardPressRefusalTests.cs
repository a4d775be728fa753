using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Xunit;

namespace OpinionBot.Tests.Incidents;

/// <summary>Presses that change nothing still say why, and who may; the send-back press only asks for the reason.</summary>
public sealed class CardPressRefusalTests : IDisposable
{
    private const long Member = 801;
    private readonly ServiceTestBed _bed = new(new() { ["Access:Members:0"] = Member.ToString() });

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void FalseAlarm_ReopenedByAnOfficer_AndAMembersPressSaysWhoMay()
    {
        var incident = _bed.Open();
        _bed.Get<IncidentService>().Apply(incident.Id, IncidentAction.FalseAlarm, new Actor(ServiceTestBed.Officer, "张三", Role.Officer));

        var refused = Press(Member, ButtonCode.Reopen, incident.Id);
        var reopened = Press(ServiceTestBed.Officer, ButtonCode.Reopen, incident.Id);

        Assert.Equal("只有监测员或分管领导可以执行此操作", refused);
        Assert.Equal("已完成", reopened);
        Assert.Equal(IncidentStatus.Claimed, _bed.Database.Incident(incident.Id).Status);
    }

    [Fact]
    public void SendBackPress_AsksForTheReason_AndChangesNothingYet()
    {
        var incident = _bed.Open();
        _bed.Get<IncidentService>().Apply(incident.Id, IncidentAction.Claim, new Actor(Member, "王网评", Role.Member));

        var answer = Press(Member, ButtonCode.SendBack, incident.Id);

        Assert.Contains("原因", answer);
        Assert.Equal(IncidentStatus.Claimed, _bed.Database.Incident(incident.Id).Status);
        var prompt = _bed.Database.Read(s => s.Outbox.QueuedAfter(0))[^1];
        Assert.StartsWith($"✍️ {incident.Number} 退回", prompt.Text);
        Assert.Contains($"tg://user?id={Member}", prompt.Text); // ForceReply is selective: it opens the reply field for the presser
        Assert.NotNull(prompt.ForceReply);
        Assert.Equal(incident.Number, CardNotes.PromptedNumber(System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Replace(prompt.Text, "<[^>]+>", ""))));
    }

    private string Press(long userId, ButtonCode code, long incidentId)
    {
        var version = _bed.Database.Incident(incidentId).Version;
        var query = new CallbackQuery
        {
            Id = Guid.NewGuid().ToString("N"),
            From = new User { Id = userId, FirstName = "某人" },
            ChatInstance = "1",
            Data = new CallbackData(code, incidentId, version).Format(),
            Message = new Message { Id = 1, Date = DateTime.UtcNow, Chat = new Telegram.Bot.Types.Chat { Id = ServiceTestBed.TeamChat, Type = ChatType.Group } },
        };
        return _bed.Database.Write(_ => _bed.Get<CardPresses>().Handle(query));
    }
}
