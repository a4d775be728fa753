using OpinionBot.Incidents;

namespace OpinionBot.Text;

/// <summary>Short answers to button presses and commands.</summary>
public sealed partial class Strings
{
    public string Done => Pick("已完成", "Done");
    public string FileNotMade(string fileName) => Pick(
        $"文件「{fileName}」未能生成，错误已记入日志。请稍后重新发送命令；仍不成功请联系管理员",
        $"The file {fileName} could not be made; the error is logged. Send the command again later, and tell your administrator if it fails again");

    public string SomethingWentWrong => Pick("处理出错，未做任何更改；错误已记入日志，请检查后重试", "Something went wrong and nothing was changed; the error is logged, please check and try again");
    public string NotAllowedHere => Pick("此群未配置，操作无效", "This chat is not configured; nothing changed");
    public string NotAMember => Pick("你不在值班名单中，操作无效", "You are not on the team; nothing changed");
    public string UnknownIncident => Pick("找不到该舆情，操作无效", "Unknown incident; nothing changed");
    public string StaleCard => Pick("卡片已更新，请在最新卡片上操作", "This card changed; use the updated card");
    public string BadButton => Pick("按钮数据无效", "Invalid button");
    public string AlreadyInThatState => Pick("状态未变化", "Nothing to change");
    public string NoPeopleToAssign => Pick("没有可指派的人员，请先在配置中添加 Access:Officers", "Nobody to assign; add people under Access:Officers");

    public string Answer(ActionOutcome outcome, IncidentAction action) => outcome switch
    {
        ActionOutcome.Done => Done,
        ActionOutcome.Stale => StaleCard,
        ActionOutcome.UnknownIncident => UnknownIncident,
        ActionOutcome.Forbidden => Forbidden(action),
        ActionOutcome.ReasonRequired => ReasonRequired,
        _ => AlreadyInThatState,
    };

    public string Forbidden(IncidentAction action) => Permissions.MinimumFor(action) switch
    {
        Role.Supervisor => Pick("只有分管领导可以执行此操作", "Only a supervisor may do this"),
        Role.Officer => Pick("只有监测员或分管领导可以执行此操作", "Only an officer or a supervisor may do this"),
        _ => Pick("你没有此操作的权限", "You may not do this"),
    };
}
