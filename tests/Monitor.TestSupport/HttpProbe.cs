namespace Monitor.TestSupport;

/// <summary>Polls a URL until its body contains the expected text (or the deadline passes) and returns the last body.</summary>
public static class HttpProbe
{
    public static async Task<string> WaitForAsync(string url, string expected, TimeSpan? within = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync(url);
                if (last.Contains(expected, StringComparison.Ordinal)) return last;
            }
            catch (HttpRequestException ex) { last = ex.Message; }
            catch (TaskCanceledException) { last = "timeout"; }
            await Task.Delay(100);
        }
        return last;
    }
}
