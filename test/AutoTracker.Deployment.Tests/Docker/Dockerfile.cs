using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoTracker.Deployment.Docker;

/// <summary>One instruction of a Dockerfile, with continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int LineNumber)
{
    /// <summary>Returns the arguments of an exec-form instruction, such as ENTRYPOINT ["dotnet", "app.dll"].</summary>
    /// <exception cref="FormatException">The arguments are not a JSON array of strings.</exception>
    public IReadOnlyList<string> ExecForm() => ParseExecForm(Arguments);

    /// <summary>Returns the strings of a JSON array such as ["dotnet", "app.dll"].</summary>
    /// <exception cref="FormatException">The text is not a JSON array of strings.</exception>
    public IReadOnlyList<string> ParseExecForm(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? throw new FormatException($"{Keyword} on line {LineNumber} has null in place of a JSON array.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{Keyword} on line {LineNumber} is not in exec form (a JSON array of strings): {json}", exception);
        }
    }
}

/// <summary>A build stage: its FROM line and the instructions up to the next FROM.</summary>
internal sealed partial record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword);

    /// <summary>Returns the value that an ENV instruction of this stage sets (NAME=value form), or null.</summary>
    public string? EnvironmentValue(string name) =>
        All("ENV")
            .SelectMany(instruction => EnvAssignmentPattern().Matches(instruction.Arguments))
            .Where(match => match.Groups["name"].Value == name)
            .Select(match => match.Groups["value"].Value)
            .LastOrDefault();

    /// <summary>Returns the exec-form command of the stage's HEALTHCHECK, without its options.</summary>
    /// <exception cref="InvalidOperationException">The stage has no HEALTHCHECK with CMD.</exception>
    public IReadOnlyList<string> HealthCheckCommand()
    {
        var healthCheck = All("HEALTHCHECK").LastOrDefault()
            ?? throw new InvalidOperationException($"The stage FROM {BaseImage} has no HEALTHCHECK.");
        var command = Regex.Match(healthCheck.Arguments, @"\bCMD\s+(?<command>\[.*\])\s*$");
        return command.Success
            ? healthCheck.ParseExecForm(command.Groups["command"].Value)
            : throw new InvalidOperationException($"HEALTHCHECK on line {healthCheck.LineNumber} has no exec-form CMD: {healthCheck.Arguments}");
    }

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+)")]
    private static partial Regex EnvAssignmentPattern();
}

/// <summary>etc/docker/Dockerfile split into stages and instructions, enough for the structural checks of the tests.</summary>
internal sealed partial class Dockerfile
{
    public const string RelativePath = "etc/docker/Dockerfile";

    private Dockerfile(IReadOnlyList<DockerStage> stages)
    {
        Stages = stages;
    }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage that docker build produces without --target: the last one.</summary>
    public DockerStage FinalStage => Stages[^1];

    public static Dockerfile Load() => Parse(Repository.ReadText(RelativePath));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerStage>();
        var instructions = new List<DockerInstruction>();
        (string Image, string? Name)? from = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword != "FROM")
            {
                instructions.Add(instruction);
                continue;
            }

            if (from is { } previous)
            {
                stages.Add(new DockerStage(previous.Image, previous.Name, instructions));
            }

            var parts = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(part => !part.StartsWith("--", StringComparison.Ordinal)).ToArray();
            from = (parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null);
            instructions = [];
        }

        if (from is { } last)
        {
            stages.Add(new DockerStage(last.Image, last.Name, instructions));
        }

        return new Dockerfile(stages);
    }

    /// <summary>Returns the folder that a dotnet publish -o of the named project writes to in any stage.</summary>
    /// <exception cref="InvalidOperationException">No RUN publishes that project with -o.</exception>
    public string PublishFolder(string projectName)
    {
        var pattern = new Regex($@"dotnet publish \S*/{Regex.Escape(projectName)}\.csproj[^&]*?-o (?<folder>\S+)");
        return Stages.SelectMany(stage => stage.All("RUN"))
            .Select(run => pattern.Match(run.Arguments))
            .Where(match => match.Success)
            .Select(match => match.Groups["folder"].Value)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No RUN in {RelativePath} publishes {projectName} with -o.");
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var lineNumber = i + 1;
            var joined = line;
            // A trailing backslash continues the instruction; comment lines inside it are dropped, as docker does.
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined = joined[..^1];
                var next = lines[++i].Trim();
                if (!next.StartsWith('#'))
                {
                    joined += " " + next;
                }
            }

            var match = InstructionPattern().Match(joined);
            yield return new DockerInstruction(match.Groups["keyword"].Value.ToUpperInvariant(), WhitespacePattern().Replace(match.Groups["arguments"].Value, " ").Trim(), lineNumber);
        }
    }

    [GeneratedRegex(@"^(?<keyword>[A-Za-z]+)\s*(?<arguments>.*)$", RegexOptions.Singleline)]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
