using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Galaxy.Worker;

/// <summary>
/// The worker's settings, under <c>Galaxy:Worker</c>: <c>Name</c> (the handler name recorded on the jobs it claims, default
/// <c>worker-&lt;machine&gt;</c>), <c>PollInterval</c> (how long it sleeps when the queue is empty, 50 ms to 1 minute,
/// default 1 second) and <c>JobDuration</c> (how long a simulated job takes, 0 to 10 minutes, default 2 seconds), the times
/// as <c>hh:mm:ss.fff</c>.
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Galaxy:Worker";

    /// <summary>The shortest poll interval accepted.</summary>
    public static readonly TimeSpan MinimumPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest poll interval accepted.</summary>
    public static readonly TimeSpan MaximumPollInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest simulated job accepted.</summary>
    public static readonly TimeSpan MaximumJobDuration = TimeSpan.FromMinutes(10);

    /// <summary>The handler name recorded on the jobs it claims; a restarted worker of the same name requeues the jobs it left running.</summary>
    public string Name { get; init; } = "worker-" + Environment.MachineName;

    /// <summary>How long the worker sleeps when no job is queued.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a simulated job takes.</summary>
    public TimeSpan JobDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A value is not a time or is out of bounds (the message says which).</exception>
    public static WorkerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new WorkerOptions();
        return new WorkerOptions
        {
            Name = section["Name"] is { Length: > 0 } name ? name : defaults.Name,
            PollInterval = ReadTime(section, "PollInterval", defaults.PollInterval, MinimumPollInterval, MaximumPollInterval),
            JobDuration = ReadTime(section, "JobDuration", defaults.JobDuration, TimeSpan.Zero, MaximumJobDuration),
        };
    }

    private static TimeSpan ReadTime(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw new InvalidOperationException($"{Section}:{key} must be a time from {minimum} to {maximum} such as 00:00:01.5 (it is '{text}').");
        }

        return value;
    }
}
