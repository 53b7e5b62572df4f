namespace Monitor.Control.Alerts;

internal static class AlertKeys
{
    public static string Of(string rule, string server, string subject) => $"{rule}|{server}|{subject}";
}
