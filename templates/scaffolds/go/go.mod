module chat2desk-webhook

go 1.19
