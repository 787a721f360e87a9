// The minigrad command; the training issue fills in its commands.
Console.WriteLine("minigrad: no command yet");
return 0;
