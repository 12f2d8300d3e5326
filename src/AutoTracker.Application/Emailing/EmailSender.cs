using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoTracker.Emailing;

/// <summary>A plain-text e-mail to one recipient.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody);

/// <summary>Sends e-mail. Implementations must not log addresses, bodies or the links inside them.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>E-mail settings, bound from <c>AutoTracker:Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "AutoTracker:Email";

    /// <summary>Folder that receives one .eml file per message. The web host defaults it to <c>App_Data/mail</c>.</summary>
    [Required]
    public string DropFolder { get; set; } = string.Empty;

    /// <summary>The From header of every message.</summary>
    [Required]
    public string From { get; set; } = "AutoTracker <no-reply@autotracker.invalid>";
}

/// <summary>
/// Writes each message as an RFC 5322 .eml file into <see cref="EmailOptions.DropFolder"/>, readable only by the
/// account that runs the app (mode 0600, folder 0700 on Unix). Development and the tests read the messages there;
/// a mail relay or pickup service can deliver them.
/// </summary>
public sealed partial class FileDropEmailSender(IOptions<EmailOptions> options, TimeProvider timeProvider, ILogger<FileDropEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        RejectLineBreaks(message.To, nameof(message.To));
        RejectLineBreaks(message.Subject, nameof(message.Subject));

        var folder = options.Value.DropFolder;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var now = timeProvider.GetUtcNow();
        var messageId = Guid.NewGuid().ToString("N");
        var text = new StringBuilder()
            .Append("From: ").Append(options.Value.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: ").Append(EncodeHeader(message.Subject)).Append("\r\n")
            .Append("Date: ").Append(now.ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <").Append(messageId).Append("@autotracker.invalid>\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n")
            .Append("\r\n")
            .Append(message.TextBody.ReplaceLineEndings("\r\n"))
            .Append("\r\n")
            .ToString();

        var path = Path.Combine(folder, $"{now:yyyyMMddHHmmssfff}-{messageId}.eml");
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, streamOptions))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        LogMessageWritten(logger, messageId);
    }

    private static void RejectLineBreaks(string value, string header)
    {
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"The {header} header must not contain control characters.", header);
        }
    }

    /// <summary>Encodes a header with non-ASCII characters as an RFC 2047 encoded word.</summary>
    private static string EncodeHeader(string value) =>
        value.All(char.IsAscii) ? value : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "E-mail {MessageId} written to the drop folder")]
    private static partial void LogMessageWritten(ILogger logger, string messageId);
}
