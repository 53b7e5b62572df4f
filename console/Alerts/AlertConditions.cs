namespace Monitor.Control.Alerts;

/// <summary>The state machine of every (rule, server, subject): a condition opens once after it held for the rule's
/// duration and resolves once after it was clear for as long; values in the hysteresis band change nothing, so a
/// value hovering at the threshold does not flap.</summary>
public sealed class AlertConditions
{
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>Marks a condition as already open (an alert open in the store when this process started or took over).</summary>
    public void Seed(AlertRule rule, string server, string subject, AlertSeverity severity) =>
        _states[AlertKeys.Of(rule.Name, server, subject)] = new State(rule, server, subject) { Open = true, Severity = severity };

    public IEnumerable<string> SubjectsOf(string rule, string server) =>
        _states.Values.Where(s => s.Rule.Name == rule && s.Server == server).Select(s => s.Subject).ToList();

    public AlertTransition? Update(AlertRule rule, string server, string subject, ConditionStatus status, DateTimeOffset now)
    {
        var key = AlertKeys.Of(rule.Name, server, subject);
        if (!_states.TryGetValue(key, out var state))
        {
            if (status.Severity is null) return null; // nothing pending, nothing open: no state to keep
            _states[key] = state = new State(rule, server, subject);
        }
        state.Last = status;
        return Step(state, now);
    }

    /// <summary>Re-evaluates pending conditions by time alone (e.g. unreachable servers send no samples).</summary>
    public IReadOnlyList<AlertTransition> Tick(DateTimeOffset now) =>
        _states.Values.Where(s => s.Last is not null).ToList().Select(s => Step(s, now)).OfType<AlertTransition>().ToList();

    private AlertTransition? Step(State state, DateTimeOffset now)
    {
        var status = state.Last!.Value;
        var rule = state.Rule;
        if (status.Severity is { } severity)
        {
            state.ClearSince = null;
            state.BadSince ??= now;
            if (state.Open || now - state.BadSince < rule.For) return null;
            state.Open = true;
            state.Severity = severity;
            return new AlertTransition(true, rule, state.Server, state.Subject, severity, status.Message, now);
        }
        if (!status.Clear)
        {
            if (state.Open) state.ClearSince = null; else state.BadSince = null;
            return null;
        }
        state.BadSince = null;
        if (!state.Open) { _states.Remove(AlertKeys.Of(rule.Name, state.Server, state.Subject)); return null; }
        state.ClearSince ??= now;
        if (now - state.ClearSince < rule.For) return null;
        _states.Remove(AlertKeys.Of(rule.Name, state.Server, state.Subject));
        return new AlertTransition(false, rule, state.Server, state.Subject, state.Severity, status.Message, now);
    }

    private sealed class State(AlertRule rule, string server, string subject)
    {
        public AlertRule Rule { get; } = rule;
        public string Server { get; } = server;
        public string Subject { get; } = subject;
        public bool Open { get; set; }
        public AlertSeverity Severity { get; set; }
        public DateTimeOffset? BadSince { get; set; }
        public DateTimeOffset? ClearSince { get; set; }
        public ConditionStatus? Last { get; set; }
    }
}
