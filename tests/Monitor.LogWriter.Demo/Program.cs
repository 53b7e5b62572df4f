using Monitor.LogWriter;

// logwriter-demo DIR PROGRAM TOKEN COUNT [ROTATE_EVERY=0] [DELAY_MS=0] [HOLD=0]
// Writes entries "line N" (N = 1..COUNT; every 10th at ERROR, others INFO, every 7th with an embedded newline),
// rotating every ROTATE_EVERY entries; prints the file path first and "done" at the end; HOLD=1 then waits for stdin
// to close (so the writer PID stays alive).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: logwriter-demo DIR PROGRAM TOKEN COUNT [ROTATE_EVERY] [DELAY_MS] [HOLD]");
    return 2;
}
var count = int.Parse(args[3]);
var rotateEvery = args.Length > 4 ? int.Parse(args[4]) : 0;
var delay = args.Length > 5 ? int.Parse(args[5]) : 0;
var hold = args.Length > 6 && args[6] == "1";
using var writer = AppLogWriter.Create(args[1], args[0], args[2]);
Console.WriteLine(writer.Path);
for (var n = 1; n <= count; n++)
{
    writer.Write(n % 10 == 0 ? LogLevel.Error : LogLevel.Info, n % 7 == 0 ? $"line {n}\nsecond part" : $"line {n}");
    if (rotateEvery > 0 && n % rotateEvery == 0 && n < count) writer.Rotate();
    if (delay > 0) Thread.Sleep(delay);
}
Console.WriteLine("done");
if (hold) Console.In.ReadToEnd();
return 0;
