"""The programme reader: the text of an action programme, plan or letter (pasted, .txt, .docx) read into a proposed task tree that a monitor reviews before it is created."""
