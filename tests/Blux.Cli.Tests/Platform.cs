// The CLI's private files are checked by their Unix mode (0600); these tests run where that exists.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
