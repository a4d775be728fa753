using System.Text;

namespace OpinionBot.LoadRun;

/// <summary>
/// The world's boards: Discuz!-style list pages of about 25 KB (40 threads, 600 navigation links). Each board's newest
/// thread number says what its page lists; rounds and the steady phase move it forward.
/// </summary>
internal sealed class ListPages(int boards)
{
    public const int ThreadsPerPage = 40;
    private const int NavLinks = 600;

    private static readonly string Navigation = CreateNavigation();
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly long[] _newest = new long[boards];
    private readonly long[] _probe = new long[boards];
    private readonly Lock _gate = new();
    private DateTimeOffset _steadySince;
    private double _steadyPerMinute;

    /// <summary>One in this many threads of a round matches a topic (1: all).</summary>
    public int MatchEvery { get; set; } = 8;

    /// <summary>
    /// In a round, one board in this many gets a 重大 thread as its newest (0: none): probes of how fast a card that is
    /// never folded into a digest arrives while the round's other incidents flood the team chat.
    /// </summary>
    public int ProbeEvery { get; set; }

    /// <summary>Whether pages carry an ETag and answer If-None-Match with 304.</summary>
    public bool ETags { get; set; }

    /// <summary>Every board gets <paramref name="threads"/> new threads at once (a cold round: every item new).</summary>
    public void NewThreads(int threads)
    {
        lock (_gate)
        {
            _roundPostedAt = DateTimeOffset.UtcNow;
            for (var b = 0; b < _newest.Length; b++)
            {
                _newest[b] += threads;
                _probe[b] = ProbeEvery > 0 && b % ProbeEvery == 0 ? _newest[b] : 0;
            }
        }
    }

    /// <summary>From now on each board gets new threads at this rate, spread over the minute (all of them matching).</summary>
    public void Steady(double perBoardPerMinute)
    {
        lock (_gate)
        {
            _steadySince = DateTimeOffset.UtcNow;
            _steadyPerMinute = perBoardPerMinute;
        }
    }

    // When the last round's threads were posted: the time their pages show, so a round's unchanged pages stay byte for byte
    // the same when the rounds straddle a minute (a page showing the minute it was served changed, and the warm round
    // then parsed and stored all of them).
    private DateTimeOffset _roundPostedAt = DateTimeOffset.UtcNow;

    public long Newest(int board, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_steadyPerMinute <= 0)
            {
                return _newest[board];
            }

            // Boards are offset across the minute, so new threads arrive evenly rather than all at once.
            var minutes = (now - _steadySince).TotalMinutes + (double)board / _newest.Length;
            return _newest[board] + (long)Math.Floor(minutes * _steadyPerMinute);
        }
    }

    /// <summary>
    /// In the steady phase, threads from before it began are a week old: a source's first check remembers them without
    /// alerting (as for any newly added source), so only the steady flow of new threads becomes cards.
    /// </summary>
    private long SteadyBase(int board)
    {
        lock (_gate)
        {
            return _steadyPerMinute > 0 ? _newest[board] : long.MinValue;
        }
    }

    public static string ETag(int board, long newest) => $"\"b{board}-{newest}\"";

    /// <summary>Thread ids are unique over all boards: board × 10⁹ + number.</summary>
    public static long ThreadId(int board, long number) => board * 1_000_000_000L + number;

    public bool Matches(int board, long number) => _steadyPerMinute > 0 || (board * 31 + number) % MatchEvery == 0 || IsProbe(board, number);

    /// <summary>Whether this thread is a round's 重大 probe (see <see cref="ProbeEvery"/>).</summary>
    public bool IsProbe(int board, long number) => number > 0 && _probe[board] == number;

    public byte[] Render(int board, long newest, DateTimeOffset now)
    {
        var html = new StringBuilder(30_000);
        html.Append("<html><head><meta charset=\"utf-8\"><title>民生论坛 - 版块").Append(board).Append("</title></head><body><div id=\"hd\">")
            .Append(Navigation).Append("</div><table id=\"threadlisttableid\">");
        var posted = _steadyPerMinute > 0 ? now : _roundPostedAt;
        var time = TimeZoneInfo.ConvertTime(posted, China).ToString("yyyy-M-d HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var lastWeek = TimeZoneInfo.ConvertTime(posted.AddDays(-7), China).ToString("yyyy-M-d HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var steadySince = SteadyBase(board);
        for (var n = newest; n > newest - ThreadsPerPage && n > 0; n--)
        {
            var id = ThreadId(board, n);
            // Each thread its own story: a distinct run of characters, so the story clustering keeps them apart.
            var title = IsProbe(board, n) ? $"【{id}】{LoadWords.Probe}：{LoadWords.Distinct(id)}"
                : Matches(board, n)
                ? $"【{id}】{LoadWords.Keywords[(int)((board * 7919L + n) % LoadWords.Keywords.Count)]}：{LoadWords.Distinct(id)}"
                : $"【{id}】{LoadWords.Neutral}{LoadWords.Distinct(id)}";
            html.Append("<tbody id=\"normalthread_").Append(id).Append("\"><tr><th class=\"common\"><a href=\"/forum.php?mod=viewthread&amp;tid=")
                .Append(id).Append("\" class=\"s xst\">").Append(title).Append("</a></th><td class=\"by\"><cite><a href=\"home.php?uid=")
                .Append(n % 997).Append("\">网友").Append(n % 997).Append("</a></cite><em><span title=\"").Append(n > steadySince ? time : lastWeek).Append("\">刚刚</span></em></td>")
                .Append("<td class=\"num\"><a class=\"xi2\">").Append(n % 50).Append("</a><em>").Append(n % 500).Append("</em></td></tr></tbody>\n");
        }

        return Encoding.UTF8.GetBytes(html.Append("</table></body></html>").ToString());
    }

    /// <summary>A thread's own page, for evidence capture.</summary>
    public static byte[] Thread(long id) =>
        Encoding.UTF8.GetBytes($"<html><head><meta charset=\"utf-8\"><title>帖子 {id}</title></head><body><div class=\"t_f\">帖子 {id} 的正文。</div></body></html>");

    private static string CreateNavigation()
    {
        var html = new StringBuilder();
        for (var i = 0; i < NavLinks; i++)
        {
            html.Append("<a href=\"f").Append(i).Append(".html\">版").Append(i).Append("</a>");
        }

        return html.ToString();
    }
}
