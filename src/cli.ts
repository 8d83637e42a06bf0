console.log("webhook-studio CLI: not yet");
